package dev.rmkit.updater.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code publish} was asked to do: add a release (from + version), and/or prune old releases,
 * and/or publish a new root; the index is re-signed in every case.
 *
 * @param from directory whose files make up the release; empty to publish no release
 * @param version the release version; present exactly when {@code from} is
 * @param feed the feed directory to write
 * @param keyFiles the Ed25519 private keys (PKCS#8 PEM) to sign with; enough for the feed's root
 * @param product product id; empty means "the feed's product"
 * @param channel channel; empty means "the channel of the feed's latest release, or stable"
 * @param expiresIn how long clients accept the manifest and the index
 * @param rebootRequired whether finishing the update needs a reboot
 * @param removals paths older installs have that this release deletes
 * @param deltas patches against the same path in up to this many earlier releases of the channel (0: none)
 * @param keep with a value, keep only this many newest releases of each channel, and the blobs they need
 * @param root a new root document to publish (signed by the feed's current root and itself)
 */
public record PublishRequest(
        Optional<Path> from,
        Optional<String> version,
        Path feed,
        List<Path> keyFiles,
        Optional<String> product,
        Optional<String> channel,
        Duration expiresIn,
        boolean rebootRequired,
        List<String> removals,
        int deltas,
        OptionalInt keep,
        Optional<Path> root) {
    public static final String DEFAULT_CHANNEL = "stable";
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(30);
    public static final int DEFAULT_DELTAS = 3;

    public PublishRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(version, "version");
        if (from.isPresent() != version.isPresent()) {
            throw new IllegalArgumentException("from and version go together");
        }
        Objects.requireNonNull(feed, "feed");
        keyFiles = List.copyOf(keyFiles);
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(expiresIn, "expiresIn");
        removals = List.copyOf(removals);
        if (deltas < 0) {
            throw new IllegalArgumentException("deltas must not be negative: " + deltas);
        }
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(root, "root");
    }

    /** A release signed with one key, patches against the last {@value #DEFAULT_DELTAS} releases, nothing pruned. */
    public PublishRequest(Path from, String version, Path feed, Path keyFile, Optional<String> product,
            Optional<String> channel, Duration expiresIn, boolean rebootRequired, List<String> removals) {
        this(Optional.of(from), Optional.of(version), feed, List.of(keyFile), product, channel, expiresIn, rebootRequired,
                removals, DEFAULT_DELTAS, OptionalInt.empty(), Optional.empty());
    }
}
