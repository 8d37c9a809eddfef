package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.feed.FeedReleases;
import dev.rmkit.updater.feed.FeedState;
import dev.rmkit.updater.feed.IndexEntry;
import dev.rmkit.updater.feed.ReleaseIndex;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.trust.RootFiles;
import dev.rmkit.updater.trust.TrustStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater releases}: the releases a feed's verified index lists, newest first. Changes nothing. */
@Command(name = "releases", mixinStandardHelpOptions = true,
        description = "Lists the releases of a feed's signed index, newest first, verified like apply verifies it "
                + "(signature threshold, key rotations, expiry). Changes nothing.")
public final class ReleasesCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--feed", required = true, paramLabel = "URL", description = "Feed directory or URL.")
    String feed;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Trust trust;

    /** Whose trust verifies the index. */
    static final class Trust {
        @Option(names = "--install-dir", required = true, paramLabel = "D",
                description = "Verify with this install's root of trust (and mark its release).")
        Path installDir;

        @Option(names = "--trust", required = true, paramLabel = "KEYFILE",
                description = "Verify with this public key or root.json.")
        Path file;
    }

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    private final UpdaterContext ctx;

    public ReleasesCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        FeedReleases feeds = new FeedReleases(ctx.fetcher(), ctx.clock());
        FeedReleases.Verified v;
        Optional<InstalledState> installed = Optional.empty();
        try {
            if (trust.installDir != null) {
                InstallLayout layout = new InstallLayout(trust.installDir);
                installed = InstalledStore.read(layout);
                v = feeds.index(feed, TrustStore.open(layout.installDir()), installed.map(InstalledState::product),
                        FeedState.read(layout).indexVersion(), false);
            } else {
                v = feeds.index(feed, RootFiles.read(trust.file));
            }
        } catch (UpdateException e) {
            return CliErrors.report(spec, e);
        } catch (IOException e) {
            return CliErrors.report(spec, UpdateException.stateUnreadable("the install's state", e));
        }
        ReleaseIndex index = v.index().index();
        Optional<String> mine = installed.map(i -> i.channel() + "/" + i.version());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("product", index.product());
            o.put("indexVersion", index.version());
            o.put("published", index.published().toString());
            o.put("expires", index.expires().toString());
            o.put("root", v.root().version());
            List<Map<String, Object>> list = new ArrayList<>();
            for (IndexEntry e : index.releases()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("version", e.version());
                r.put("channel", e.channel());
                r.put("released", e.released().toString());
                r.put("manifest", v.index().uri().resolve(e.manifest()).toString());
                r.put("newest", index.newest(e.channel()).map(n -> n.equals(e)).orElse(false));
                r.put("installed", mine.map(m -> m.equals(e.channel() + "/" + e.version())).orElse(false));
                list.add(r);
            }
            o.put("releases", list);
            out.println(StateJson.line(o));
        } else {
            out.printf("%s: index %d (root %d), %d releases, expires %s%n", index.product(), index.version(),
                    v.root().version(), index.releases().size(), index.expires());
            for (IndexEntry e : index.releases()) {
                List<String> marks = new ArrayList<>();
                index.newest(e.channel()).filter(n -> n.equals(e)).ifPresent(n -> marks.add("newest " + e.channel()));
                mine.filter(m -> m.equals(e.channel() + "/" + e.version())).ifPresent(m -> marks.add("installed"));
                out.printf("  %-16s %-10s %s%s%n", e.version(), e.channel(), e.released(),
                        marks.isEmpty() ? "" : "  (" + String.join(", ", marks) + ")");
            }
        }
        out.flush();
        return 0;
    }
}
