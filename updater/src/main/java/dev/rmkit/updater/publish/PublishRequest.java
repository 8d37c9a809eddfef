package dev.rmkit.updater.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code publish} was asked to do.
 *
 * @param from directory whose files make up the release
 * @param version the release version
 * @param feed the feed directory to write
 * @param keyFile the Ed25519 private key (PKCS#8 PEM)
 * @param product product id; empty means "the product of the feed's current manifest"
 * @param channel channel; empty means "the feed's current channel, or stable"
 * @param expiresIn how long clients accept the manifest
 * @param rebootRequired whether finishing the update needs a reboot
 * @param removals paths older installs have that this release deletes
 * @param rolloutPercent {@code --rollout}: offer the release to this share of installs; empty: to all,
 *     unless {@code halt}
 * @param halt {@code --halt}: offer the release to no install
 */
public record PublishRequest(
        Path from,
        String version,
        Path feed,
        Path keyFile,
        Optional<String> product,
        Optional<String> channel,
        Duration expiresIn,
        boolean rebootRequired,
        List<String> removals,
        Optional<Integer> rolloutPercent,
        boolean halt) {
    public static final String DEFAULT_CHANNEL = "stable";
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(30);

    public PublishRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(expiresIn, "expiresIn");
        removals = List.copyOf(removals);
        Objects.requireNonNull(rolloutPercent, "rolloutPercent");
    }

    /** A release for every install: no staged rollout. */
    public PublishRequest(Path from, String version, Path feed, Path keyFile, Optional<String> product,
            Optional<String> channel, Duration expiresIn, boolean rebootRequired, List<String> removals) {
        this(from, version, feed, keyFile, product, channel, expiresIn, rebootRequired, removals, Optional.empty(), false);
    }
}
