package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.feed.FeedState;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.trust.Root;
import dev.rmkit.updater.trust.RootFiles;
import dev.rmkit.updater.trust.RootRotation;
import dev.rmkit.updater.trust.TrustStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater trust show|rotate}: the root of trust of an install or a root file, and making the next root. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = "Roots of trust: show what an install (or a root file) trusts; rotate keys by making the next root.",
        subcommands = {TrustCommand.Show.class, TrustCommand.Rotate.class})
public final class TrustCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code trust show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows a root of trust: version, threshold, keys. Changes nothing.")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--install-dir", required = true, paramLabel = "D", description = "An install's trust.")
            Path installDir;

            @Option(names = "--root", required = true, paramLabel = "FILE", description = "A root.json or a public key file.")
            Path file;
        }

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            Root root;
            String source;
            long indexVersion = 0;
            try {
                if (which.installDir != null) {
                    InstallLayout layout = new InstallLayout(which.installDir);
                    if (!Files.isDirectory(layout.installDir())) {
                        throw new UpdateException.Usage("no such install directory: " + layout.installDir());
                    }
                    TrustStore store = TrustStore.open(layout.installDir());
                    root = store.root();
                    source = root.isLegacy() ? "pinned key files in " + store.directory()
                            : store.directory().resolve(TrustStore.ROOT_FILE).toString();
                    indexVersion = FeedState.read(layout).indexVersion();
                } else {
                    root = RootFiles.read(which.file);
                    source = which.file.toString();
                }
            } catch (UpdateException e) {
                return CliErrors.report(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("version", root.version());
                o.put("threshold", root.threshold());
                o.put("keys", new ArrayList<>(root.keys().keySet()));
                o.put("source", source);
                o.put("indexVersionSeen", indexVersion);
                out.println(StateJson.line(o));
            } else if (root.keys().isEmpty()) {
                out.println("no key trusted yet (" + source + "); pin one with apply --trust KEY.pub or root.json");
            } else {
                out.printf("root %d%s: %d of %d keys must sign%n", root.version(),
                        root.isLegacy() ? " (pinned key files, no root document yet)" : "", root.threshold(), root.keys().size());
                root.keys().keySet().forEach(k -> out.println("  key " + k));
                out.println("from " + source + (indexVersion > 0 ? "; release index version seen: " + indexVersion : ""));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code trust rotate}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Makes the next root of trust: version + 1, the keys and threshold given, signed with --sign keys.",
                    "Written only if installs would accept it: signed by a threshold of the old root's keys and of the new. "
                            + "Then: updater publish --root OUT --key ... (keys of the new root)."})
    static final class Rotate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "FILE",
                description = "The current root: root.json, or the one public key installs pinned (KEY.pub).")
        Path from;

        @Option(names = "--key-pub", required = true, paramLabel = "KEY.pub", description = "A key of the new root (repeatable).")
        List<Path> keys = new ArrayList<>();

        @Option(names = "--threshold", paramLabel = "N", description = "Signatures the new root requires (default: 1).")
        int threshold = 1;

        @Option(names = "--sign", required = true, paramLabel = "KEY.key",
                description = "A private key signing the new root: old keys and new ones (repeatable).")
        List<Path> signers = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "ROOT.json", description = "Writes ROOT.json and ROOT.json.sig; never overwrites.")
        Path out;

        @Option(names = "--json", description = "Print one JSON object: version, threshold, keys, root, signatures.")
        boolean json;

        @Override
        public Integer call() throws UpdateException {
            Root next = RootRotation.rotate(RootFiles.read(from), keys, threshold, signers, out);
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("version", next.version());
                o.put("threshold", next.threshold());
                o.put("keys", List.copyOf(next.keys().keySet()));
                o.put("root", out.toString());
                o.put("signatures", out + ".sig");
                spec.commandLine().getOut().println(StateJson.line(o));
            } else {
                spec.commandLine().getOut().printf("root %d: %d of %d keys must sign %s%nwritten %s and %s.sig%n",
                        next.version(), next.threshold(), next.keys().size(), next.keys().keySet(), out, out);
            }
            return 0;
        }
    }
}
