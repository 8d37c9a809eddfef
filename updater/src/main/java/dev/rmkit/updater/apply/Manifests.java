package dev.rmkit.updater.apply;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.feed.FeedReleases;
import dev.rmkit.updater.feed.FeedState;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledFile;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestLoader;
import dev.rmkit.updater.manifest.ManifestPolicy;
import dev.rmkit.updater.plan.InstallScanner;
import dev.rmkit.updater.plan.Obstacles;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.plan.Planner;
import dev.rmkit.updater.publish.PublishRequest;
import dev.rmkit.updater.trust.TrustStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Steps 2–3 shared by {@code apply} and {@code plan}: trust, verified manifest, installed state, plan. */
public final class Manifests {

    private Manifests() {}

    /**
     * Loads and verifies the release against the install's root of trust, after the feed's key
     * rotations. With {@code --trust} on an install that trusts no key yet, the release is first
     * verified with the trust file held in memory, so a wrong one is never written; only then does
     * {@code pin} decide whether it is pinned (apply: the release is loaded again against the pinned
     * trust, so accepted rotations and the feed's index version are remembered) or forgotten (plan,
     * which changes nothing).
     */
    public static LoadedManifest load(UpdaterContext ctx, ReleaseSource source, InstallLayout layout,
            Optional<Path> trustKey, boolean pin) throws UpdateException {
        TrustStore store = TrustStore.open(layout.installDir());
        if (trustKey.isEmpty() || !store.isEmpty()) {
            if (trustKey.isPresent()) {
                store.pinIfEmpty(trustKey.get()); // pinned already: only checks the key is that one
            }
            return load(ctx, source, layout, store, pin);
        }
        LoadedManifest verified = load(ctx, source, layout, TrustStore.candidate(trustKey.get()), false);
        if (!pin) {
            return verified;
        }
        store.pinIfEmpty(trustKey.get());
        return load(ctx, source, layout, store, true);
    }

    private static LoadedManifest load(UpdaterContext ctx, ReleaseSource source, InstallLayout layout, TrustStore store,
            boolean remember) throws UpdateException {
        if (!source.feed()) {
            return new ManifestLoader(ctx.fetcher(), ctx.clock()).load(source.location(), store, remember);
        }
        Optional<InstalledState> installed = installed(layout);
        FeedReleases feeds = new FeedReleases(ctx.fetcher(), ctx.clock());
        FeedReleases.Verified v = feeds.index(source.location(), store, installed.map(InstalledState::product),
                FeedState.read(layout).indexVersion(), remember);
        String channel = source.channel().or(() -> installed.map(InstalledState::channel)).orElse(PublishRequest.DEFAULT_CHANNEL);
        LoadedManifest m = feeds.manifest(v, FeedReleases.newest(v.index().index(), channel));
        if (remember) {
            FeedState.remember(layout, v.index().index().version(), source.location());
        }
        return m;
    }

    public static Optional<InstalledState> installed(InstallLayout layout) throws UpdateException {
        try {
            return InstalledStore.read(layout);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot read " + layout.installedFile() + ": " + e.getMessage(), e);
        }
    }

    /** What the policy compares a manifest with. */
    public static ManifestPolicy.Installed policyView(InstalledState i) {
        return new ManifestPolicy.Installed(i.product(), i.channel(), i.version(), i.rolledBackFrom());
    }

    /** The plan of {@code m} against the install as it is on disk now. */
    public static Plan plan(InstallLayout layout, Manifest m, Optional<InstalledState> installed) throws UpdateException {
        Set<String> managed = installed.map(i -> i.files().stream().map(InstalledFile::path)
                .collect(Collectors.toSet())).orElse(Set.of());
        String from = installed.map(InstalledState::version).orElse("");
        Plan plan = Planner.plan(m, from, InstallScanner.hashPresent(layout, Planner.relevantPaths(m, managed)), managed);
        Obstacles.check(layout, plan);
        return plan;
    }
}
