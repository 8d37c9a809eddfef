package dev.rmkit.updater;

import dev.rmkit.updater.publish.FeedPublisher;
import dev.rmkit.updater.publish.KeyGenerator;
import dev.rmkit.updater.publish.PublishRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds real signed feeds in a temp directory with the production keygen and publish code. */
public final class FeedFixture {
    public final Path root;
    public final KeyGenerator.Generated key;
    public final Path feed;

    public FeedFixture(Path root) throws Exception {
        this.root = root;
        this.key = KeyGenerator.generate(root.resolve("publisher"));
        this.feed = root.resolve("feed");
    }

    /** Publishes {@code files} (relative path → content) as {@code version} of rmkit-burner/stable. */
    public FeedPublisher.Published publish(String version, Map<String, byte[]> files, Clock clock, List<String> removals)
            throws Exception {
        Path from = root.resolve("release-" + version);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = from.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        return FeedPublisher.publish(new PublishRequest(from, version, feed, key.privateKey(), Optional.of("rmkit-burner"),
                Optional.of("stable"), Duration.ofDays(30), false, removals), clock);
    }

    public FeedFixture.Published publish(String version, Map<String, byte[]> files) throws Exception {
        return new Published(publish(version, files, Clock.systemUTC(), List.of()));
    }

    /** The manifest, the signature, and a blob of the feed. */
    public record Published(FeedPublisher.Published result) {
        public Path manifest() {
            return result.manifestFile();
        }

        public Path signature() {
            return result.manifestFile().resolveSibling("manifest.json.sig");
        }
    }

    public static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    public static void flipBit(Path file, int index) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[index] ^= 0x01;
        Files.write(file, b);
    }
}
