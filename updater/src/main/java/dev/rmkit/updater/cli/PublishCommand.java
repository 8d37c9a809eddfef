package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.publish.FeedPublisher;
import dev.rmkit.updater.publish.PublishRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater publish}: builds a signed feed from a directory. */
@Command(name = "publish",
        description = {"Adds a release to a signed feed that keeps its history: blobs/<sha256> (each content once), "
                + "releases/CHANNEL/VERSION/manifest.json with zstd patches against the last K releases, the signed "
                + "index.json, and manifest.json (the release published last).",
                "Product and channel default to those of FEEDDIR's latest release (channel: stable for a new feed). "
                + "Without --from/--version it only re-signs the index, prunes (--prune) or adds a root (--root)."})
public final class PublishCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    // Not mixinStandardHelpOptions: its --version would clash with the release --version.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--from", paramLabel = "DIR", description = "Directory holding the release's files.")
    Path from;

    @Option(names = "--version", paramLabel = "V", description = "Release version (1.2.0, 1.3.0-beta.1).")
    String version;

    @Option(names = "--out", required = true, paramLabel = "FEEDDIR", description = "Feed directory (created if missing).")
    Path out;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE",
            description = "Ed25519 private key from keygen (repeatable: a root with a threshold above 1 needs several).")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--product", paramLabel = "P", description = "Product id (required for a new feed).")
    String product;

    @Option(names = "--channel", paramLabel = "C", description = "Channel (default: the feed's, or stable).")
    String channel;

    @Option(names = "--expires-in", paramLabel = "DURATION", converter = Converters.Expiry.class,
            description = "How long clients accept the manifest: 30d, 12h, P30D (default: 30d).")
    Duration expiresIn = PublishRequest.DEFAULT_EXPIRY;

    @Option(names = "--reboot-required", description = "Finishing this update needs a reboot.")
    boolean rebootRequired;

    @Option(names = "--remove", paramLabel = "PATH", description = "A path older installs have that this release deletes (repeatable).")
    List<String> removals = new ArrayList<>();

    @Option(names = "--deltas", paramLabel = "K",
            description = "Patches against the same path in up to K earlier releases of the channel; 0 for none (default: 3).")
    int deltas = PublishRequest.DEFAULT_DELTAS;

    @Option(names = "--prune", paramLabel = "KEEP",
            description = "Keep only the KEEP newest releases of each channel; delete the blobs only the others need.")
    Integer prune;

    @Option(names = "--rollout", paramLabel = "PCT",
            description = "Offer the release to this percentage (0-100) of installs only; republish the same version "
                    + "with a higher one to widen it (the salt is kept).")
    Integer rollout;

    @Option(names = "--halt", description = "Offer the release to no install (installs that have it keep it).")
    boolean halt;

    @Option(names = "--root", paramLabel = "ROOT.json",
            description = "Publish this root of trust (from updater trust rotate; its signatures in ROOT.json.sig).")
    Path root;

    @Option(names = "--json", description = "Print one JSON object: the release (product, version, channel, files, "
            + "bytes, removals, expires, blobs, patches), the index, keyId, root, manifest.")
    boolean json;

    @Override
    public Integer call() throws UpdateException {
        if ((from == null) != (version == null)) {
            throw new UpdateException.Usage("--from and --version go together");
        }
        if (deltas < 0) {
            throw new UpdateException.Usage("--deltas must not be negative");
        }
        FeedPublisher.Published p = FeedPublisher.publish(new PublishRequest(Optional.ofNullable(from),
                Optional.ofNullable(version), out, keys, Optional.ofNullable(product), Optional.ofNullable(channel),
                expiresIn, rebootRequired, removals, deltas,
                prune == null ? OptionalInt.empty() : OptionalInt.of(prune), Optional.ofNullable(root),
                Optional.ofNullable(rollout), halt), Clock.systemUTC());
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(StateJson.line(asJson(p)));
            return 0;
        }
        if (p.manifest().isPresent()) {
            var m = p.manifest().get();
            o.printf("published %s %s (%s): %d files, %d bytes, %d removals, expires %s%n", m.product(), m.version(),
                    m.channel(), m.files().size(), p.totalBytes(), m.removals().size(), m.expires());
            o.printf("blobs: %d new, %d shared with earlier releases; patches: %d (%d bytes)%n", p.newBlobs(),
                    p.sharedBlobs(), p.patches(), p.patchBytes());
            m.rollout().ifPresent(r -> o.printf("rollout %s%n",
                    r.halted() ? "halted" : r.percent() + "% of installs (salt " + r.salt() + ")"));
        }
        o.printf("index %d: %d releases%s, expires %s%n", p.index().version(), p.index().releases().size(),
                p.pruned().isEmpty() ? "" : " (pruned " + p.pruned().size() + " releases, " + p.prunedBlobs() + " blobs)",
                p.index().expires());
        o.printf("signed by key %s%s%nmanifest %s%n", p.keyId(), p.root() == 0 ? "" : " (root " + p.root() + ")",
                p.manifestFile());
        return 0;
    }

    private static Map<String, Object> asJson(FeedPublisher.Published p) {
        Map<String, Object> o = new LinkedHashMap<>();
        p.manifest().ifPresent(m -> {
            o.put("product", m.product());
            o.put("version", m.version());
            o.put("channel", m.channel());
            o.put("files", m.files().size());
            o.put("bytes", p.totalBytes());
            o.put("removals", m.removals().size());
            o.put("expires", m.expires().toString());
            o.put("newBlobs", p.newBlobs());
            o.put("sharedBlobs", p.sharedBlobs());
            o.put("patches", p.patches());
            o.put("patchBytes", p.patchBytes());
            m.rollout().ifPresent(r -> o.put("rollout", r.halted() ? "halted" : r.percent() + "%"));
        });
        o.put("indexVersion", p.index().version());
        o.put("releases", p.index().releases().size());
        o.put("prunedReleases", p.pruned().size());
        o.put("prunedBlobs", p.prunedBlobs());
        o.put("keyId", p.keyId());
        o.put("root", p.root());
        o.put("manifest", p.manifestFile().toString());
        return o;
    }
}
