package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.publish.FeedPublisher;
import dev.rmkit.updater.publish.PublishRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater publish}: builds a signed feed from a directory. */
@Command(name = "publish",
        description = {"Builds a signed feed: FEEDDIR/manifest.json, manifest.json.sig and blobs/<sha256>.",
                "Product and channel default to those of FEEDDIR's current manifest (channel: stable for a new feed)."})
public final class PublishCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    // Not mixinStandardHelpOptions: its --version would clash with the release --version.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Directory holding the release's files.")
    Path from;

    @Option(names = "--version", required = true, paramLabel = "V", description = "Release version (1.2.0, 1.3.0-beta.1).")
    String version;

    @Option(names = "--out", required = true, paramLabel = "FEEDDIR", description = "Feed directory (created if missing).")
    Path out;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "Ed25519 private key from keygen.")
    Path key;

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

    @Option(names = "--rollout", paramLabel = "PCT",
            description = "Offer the release to this percentage (0-100) of installs only; republish the same version "
                    + "with a higher one to widen it (the salt is kept).")
    Integer rollout;

    @Option(names = "--halt", description = "Offer the release to no install (installs that have it keep it).")
    boolean halt;

    @Override
    public Integer call() {
        try {
            FeedPublisher.Published p = FeedPublisher.publish(new PublishRequest(from, version, out, key,
                    Optional.ofNullable(product), Optional.ofNullable(channel), expiresIn, rebootRequired, removals,
                    Optional.ofNullable(rollout), halt), Clock.systemUTC());
            spec.commandLine().getOut().printf("published %s %s (%s): %d files, %d bytes, %d removals, expires %s%n"
                            + "signed by key %s%nmanifest %s%n",
                    p.manifest().product(), p.manifest().version(), p.manifest().channel(), p.manifest().files().size(),
                    p.totalBytes(), p.manifest().removals().size(), p.manifest().expires(), p.keyId(), p.manifestFile());
            p.manifest().rollout().ifPresent(r -> spec.commandLine().getOut().printf("rollout %s%n",
                    r.halted() ? "halted" : r.percent() + "% of installs (salt " + r.salt() + ")"));
            return 0;
        } catch (UpdateException e) {
            return CliErrors.report(spec, e);
        }
    }
}
