package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.publish.FeedPublisher;
import dev.rmkit.updater.publish.PublishRequest;
import dev.rmkit.updater.install.StateJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

    @Option(names = "--expires-in", paramLabel = "DURATION", converter = Durations.ExpiryConverter.class,
            description = "How long clients accept the manifest: 30d, 12h, P30D (default: 30d).")
    Duration expiresIn = PublishRequest.DEFAULT_EXPIRY;

    @Option(names = "--reboot-required", description = "Finishing this update needs a reboot.")
    boolean rebootRequired;

    @Option(names = "--remove", paramLabel = "PATH", description = "A path older installs have that this release deletes (repeatable).")
    List<String> removals = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object: product, version, channel, files, bytes, removals, "
            + "expires, keyId, manifest.")
    boolean json;

    @Override
    public Integer call() throws UpdateException {
        FeedPublisher.Published p = FeedPublisher.publish(new PublishRequest(from, version, out, key,
                Optional.ofNullable(product), Optional.ofNullable(channel), expiresIn, rebootRequired, removals),
                Clock.systemUTC());
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("product", p.manifest().product());
            o.put("version", p.manifest().version());
            o.put("channel", p.manifest().channel());
            o.put("files", p.manifest().files().size());
            o.put("bytes", p.totalBytes());
            o.put("removals", p.manifest().removals().size());
            o.put("expires", p.manifest().expires().toString());
            o.put("keyId", p.keyId());
            o.put("manifest", p.manifestFile().toString());
            spec.commandLine().getOut().println(StateJson.text(o));
            return 0;
        }
        {
            spec.commandLine().getOut().printf("published %s %s (%s): %d files, %d bytes, %d removals, expires %s%n"
                            + "signed by key %s%nmanifest %s%n",
                    p.manifest().product(), p.manifest().version(), p.manifest().channel(), p.manifest().files().size(),
                    p.totalBytes(), p.manifest().removals().size(), p.manifest().expires(), p.keyId(), p.manifestFile());
            return 0;
        }
    }
}
