package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.feed.FeedLayout;
import dev.rmkit.updater.feed.IndexEntry;
import dev.rmkit.updater.feed.IndexJson;
import dev.rmkit.updater.feed.ReleaseIndex;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestJson;
import dev.rmkit.updater.manifest.Rollout;
import dev.rmkit.updater.manifest.ManifestParser;
import dev.rmkit.updater.manifest.Versions;
import dev.rmkit.updater.trust.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code publish}: adds a release to a feed that remembers its history (see {@link FeedLayout}): the
 * release's files become content-addressed blobs (shared contents stored once), its manifest is
 * signed under {@code releases/CHANNEL/VERSION/}, patches against the last K releases of its channel
 * are listed in it, and the signed index of every kept release is rewritten with a higher version.
 * Optionally prunes old releases and publishes a new root of trust. Order of writes: blobs, release
 * manifest, index, top-level manifest, then deletions; each file atomically, so a reader or a crash
 * never meets a reference to something missing.
 */
public final class FeedPublisher {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private FeedPublisher() {}

    /**
     * What was published.
     *
     * @param manifest the release published, if any
     * @param manifestFile the top-level manifest (the release published last)
     * @param keyId the signing key ids, comma-separated
     * @param totalBytes bytes of the release's files
     * @param newBlobs contents stored by this publish; {@code sharedBlobs} were stored already
     * @param patches patches listed in the new release, {@code patchBytes} their size
     * @param index the index written
     * @param root the feed's root version (0: a feed signed by pinned keys only)
     * @param pruned releases removed, {@code prunedBlobs} blobs deleted with them
     */
    public record Published(Optional<Manifest> manifest, Path manifestFile, String keyId, long totalBytes, int newBlobs,
            int sharedBlobs, int patches, long patchBytes, ReleaseIndex index, long root, List<IndexEntry> pruned,
            int prunedBlobs) {}

    public static Published publish(PublishRequest req, Clock clock) throws UpdateException {
        if (req.version().isPresent() && !Versions.isValid(req.version().get())) {
            throw new UpdateException.Usage("not a valid version: '" + req.version().get() + "' (dotted numbers, optional -suffix)");
        }
        if (req.from().isPresent() && !Files.isDirectory(req.from().get())) {
            throw new UpdateException.Usage("--from is not a directory: " + req.from().get());
        }
        if (req.keep().isPresent() && req.keep().getAsInt() < 1) {
            throw new UpdateException.Usage("--prune must keep at least 1 release, not " + req.keep().getAsInt());
        }
        Signer signer = Signer.read(req.keyFiles());
        FeedDir feed = new FeedDir(req.feed());
        History history = History.read(feed);
        String product = req.product().or(history::product).orElseThrow(
                () -> new UpdateException.Usage("--product is required: " + feed.dir() + " has no manifest to take it from"));
        String channel = req.channel().or(history::latestChannel).orElse(PublishRequest.DEFAULT_CHANNEL);
        checkName("product", product);
        checkName("channel", channel);
        if (history.product().isPresent() && !history.product().get().equals(product)) {
            throw new UpdateException.Usage(feed.dir() + " publishes " + history.product().get() + ", not " + product
                    + "; use another --out directory");
        }
        if (req.version().isEmpty() && history.isEmpty()) {
            throw new UpdateException.Usage(feed.dir() + " has no releases; give --from and --version");
        }
        if (req.version().isPresent()) {
            history.checkSuccession(channel, req.version().get());
        }

        Optional<Root> root = RootPublisher.publish(feed, req.root());
        if (root.isPresent()) {
            signer.checkEnoughFor(root.get());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<IndexEntry> entries = history.migrate(feed, signer);
        ReleaseMaker.Release release = null;
        if (req.from().isPresent()) {
            String version = req.version().get();
            Optional<Rollout> rollout = RolloutSalt.rollout(req, feed.read(FeedLayout.releaseManifest(channel, version)));
            release = ReleaseMaker.make(feed, req.from().get(), product, channel, version, now, now.plus(req.expiresIn()),
                    req.removals(), req.rebootRequired(), history.earlier(feed, channel, version, req.deltas()), rollout);
            byte[] bytes = checked(ManifestJson.write(release.manifest()));
            String path = FeedLayout.releaseManifest(channel, version);
            feed.writeSigned(path, bytes, signer.sign(bytes));
            entries.removeIf(e -> e.manifest().equals(path));
            entries.add(new IndexEntry(version, channel, now, path, bytes.length, Sha256.hex(bytes)));
        }
        List<IndexEntry> dropped = new ArrayList<>();
        if (req.keep().isPresent()) {
            List<IndexEntry> kept = Pruner.keep(entries, req.keep().getAsInt());
            entries.stream().filter(e -> !kept.contains(e)).forEach(dropped::add);
            entries = new ArrayList<>(kept);
        }
        if (req.root().isPresent()) {
            resign(feed, entries, signer); // manifests signed by a removed key would fail on updated installs
        }
        ReleaseIndex index = new ReleaseIndex(product, history.indexVersion() + 1, now, now.plus(req.expiresIn()), entries);
        byte[] indexBytes = IndexJson.write(index);
        feed.writeSigned(FeedLayout.INDEX, indexBytes, signer.sign(indexBytes));
        if (release != null) {
            byte[] latest = checked(ManifestJson.write(ReleaseMaker.forLatest(release.manifest())));
            feed.writeSigned(FeedLayout.LATEST, latest, signer.sign(latest));
        } else if (req.root().isPresent() && feed.latest().isPresent()) {
            feed.write(FeedLayout.LATEST + FeedLayout.SIG, signer.sign(feed.latest().get()));
        }
        Pruner.Pruned pruned = dropped.isEmpty() ? new Pruner.Pruned(List.of(), 0, 0) : Pruner.delete(feed, entries, dropped);
        return new Published(Optional.ofNullable(release).map(ReleaseMaker.Release::manifest), feed.resolve(FeedLayout.LATEST),
                String.join(",", signer.keyIds()), release == null ? 0 : release.totalBytes(),
                release == null ? 0 : release.newBlobs(), release == null ? 0 : release.sharedBlobs(),
                release == null ? 0 : release.patches(), release == null ? 0 : release.patchBytes(), index,
                root.map(Root::version).orElse(0L), pruned.releases(), pruned.blobs());
    }

    /** Signs every kept release's manifest again (same bytes, new signature file) with the keys given. */
    private static void resign(FeedDir feed, List<IndexEntry> entries, Signer signer) throws UpdateException {
        for (IndexEntry e : entries) {
            byte[] bytes = feed.read(e.manifest()).orElseThrow(() -> new UpdateException.Usage("missing " + e.manifest()));
            feed.write(e.manifest() + FeedLayout.SIG, signer.sign(bytes));
        }
    }

    /** The same checks clients apply, so publish never writes a feed every client would refuse. */
    static byte[] checked(byte[] manifest) throws UpdateException {
        try {
            ManifestParser.parse(manifest);
            return manifest;
        } catch (UpdateException.Rejected e) {
            throw new UpdateException.Usage("cannot publish: " + e.getMessage());
        }
    }

    private static void checkName(String what, String value) throws UpdateException {
        if (!NAME.matcher(value).matches()) {
            throw new UpdateException.Usage("not a valid " + what + ": '" + value + "' (lower-case letters, digits, . _ -)");
        }
    }
}
