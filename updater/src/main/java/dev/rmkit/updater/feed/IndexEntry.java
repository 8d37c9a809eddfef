package dev.rmkit.updater.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * One release in a feed's index.
 *
 * @param version the release's version
 * @param channel its channel
 * @param released when it was published
 * @param manifest its manifest's path relative to the index ({@link FeedLayout#releaseManifest})
 * @param size exact size of the manifest in bytes
 * @param sha256 SHA-256 of the manifest's exact bytes: no other manifest can take its place
 */
public record IndexEntry(String version, String channel, Instant released, String manifest, long size, String sha256) {
    public IndexEntry {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(sha256, "sha256");
    }
}
