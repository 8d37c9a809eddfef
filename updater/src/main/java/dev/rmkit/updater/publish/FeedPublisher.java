package dev.rmkit.updater.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.ManifestJson;
import dev.rmkit.updater.manifest.ManifestParser;
import dev.rmkit.updater.manifest.PathRules;
import dev.rmkit.updater.manifest.Versions;
import dev.rmkit.updater.trust.Ed25519Keys;
import dev.rmkit.updater.trust.KeyFiles;
import dev.rmkit.updater.trust.KeyId;
import dev.rmkit.updater.trust.SignatureFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code publish}: turns a directory into a signed feed. Layout: {@code FEED/manifest.json},
 * {@code FEED/manifest.json.sig}, and content-addressed payloads {@code FEED/blobs/<sha256>} named in
 * the manifest by relative URL. Content addressing means a blob never changes once written, so a
 * client resuming a download, or a cache between it and the feed, can never mix bytes of two
 * releases, and unchanged files are stored once across releases.
 */
public final class FeedPublisher {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private FeedPublisher() {}

    /** What was published. */
    public record Published(Manifest manifest, Path manifestFile, String keyId, long totalBytes) {}

    public static Published publish(PublishRequest req, Clock clock) throws UpdateException {
        if (!Versions.isValid(req.version())) {
            throw new UpdateException.Usage("not a valid version: '" + req.version() + "' (dotted numbers, optional -suffix)");
        }
        if (!Files.isDirectory(req.from())) {
            throw new UpdateException.Usage("--from is not a directory: " + req.from());
        }
        PrivateKey key = KeyFiles.readPrivate(req.keyFile());
        String keyId;
        try {
            keyId = KeyId.of(Ed25519Keys.publicKeyOf(key));
        } catch (GeneralSecurityException e) {
            throw new UpdateException.Usage(req.keyFile() + ": " + e.getMessage());
        }
        Path feed = req.feed().toAbsolutePath().normalize();
        Optional<JsonNode> current = currentManifest(feed);
        String product = req.product().or(() -> current.map(n -> n.path("product").asText())).orElseThrow(
                () -> new UpdateException.Usage("--product is required: " + feed + " has no manifest to take it from"));
        String channel = req.channel().or(() -> current.map(n -> n.path("channel").asText()))
                .orElse(PublishRequest.DEFAULT_CHANNEL);
        checkName("product", product);
        checkName("channel", channel);
        if (current.isPresent()) {
            checkSuccession(current.get(), product, channel, req.version(), feed);
        }
        List<Path> sources = SourceTree.list(req.from());
        List<String> paths = sources.stream().map(p -> SourceTree.relative(req.from(), p)).toList();
        List<String> problems = PathRules.violations(paths, req.removals());
        if (!problems.isEmpty()) {
            throw new UpdateException.Usage("cannot publish: " + String.join("; ", problems));
        }
        List<ManifestFile> files = new ArrayList<>();
        long total = 0;
        Blobs blobs = new Blobs(feed.resolve("blobs"));
        for (int i = 0; i < sources.size(); i++) {
            Blobs.Stored s = blobs.store(sources.get(i));
            files.add(new ManifestFile(paths.get(i), s.size(), s.sha256(), "blobs/" + s.sha256(),
                    FileModes.isExecutable(sources.get(i))));
            total += s.size();
        }
        Instant released = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Manifest manifest = new Manifest(product, channel, req.version(), released, released.plus(req.expiresIn()),
                files, req.removals(), req.rebootRequired(), RolloutSalt.rollout(req, current));
        byte[] bytes = ManifestJson.write(manifest);
        // The same checks clients apply, so publish never writes a feed every client would refuse.
        try {
            ManifestParser.parse(bytes);
        } catch (UpdateException.Rejected e) {
            throw new UpdateException.Usage("cannot publish: " + e.getMessage());
        }
        byte[] sig;
        try {
            sig = new SignatureFile(keyId, Ed25519Keys.ALGORITHM, Ed25519Keys.sign(key, bytes)).toJson();
        } catch (GeneralSecurityException e) {
            throw new UpdateException.Usage("cannot sign with " + req.keyFile() + ": " + e.getMessage());
        }
        try {
            FeedFiles.replace(feed.resolve("manifest.json"), bytes);
            FeedFiles.replace(feed.resolve("manifest.json.sig"), sig);
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot write " + e.getFile(), e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write the manifest into " + feed + ": " + e.getMessage(), e);
        }
        return new Published(manifest, feed.resolve("manifest.json"), keyId, total);
    }

    private static Optional<JsonNode> currentManifest(Path feed) throws UpdateException {
        Path m = feed.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ManifestJson.readTree(Files.readAllBytes(m)));
        } catch (IOException | UpdateException.Rejected e) {
            throw new UpdateException.Usage("cannot read the feed's current manifest " + m + ": " + e.getMessage());
        }
    }

    /** A feed moves forward: same product, and never to a version its clients would refuse as older. */
    private static void checkSuccession(JsonNode current, String product, String channel, String version, Path feed)
            throws UpdateException {
        String p = current.path("product").asText();
        String c = current.path("channel").asText();
        String v = current.path("version").asText();
        if (!p.equals(product) || !c.equals(channel)) {
            throw new UpdateException.Usage(feed + " publishes " + p + "/" + c + ", not " + product + "/" + channel
                    + "; use another --out directory");
        }
        if (Versions.isValid(v) && Versions.compare(version, v) < 0) {
            throw new UpdateException.Usage("version " + version + " is older than the feed's current " + v
                    + "; clients would refuse it");
        }
    }

    private static void checkName(String what, String value) throws UpdateException {
        if (!NAME.matcher(value).matches()) {
            throw new UpdateException.Usage("not a valid " + what + ": '" + value + "' (lower-case letters, digits, . _ -)");
        }
    }
}
