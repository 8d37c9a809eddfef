package dev.rmkit.updater.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A release of one product on one channel: its files, the files it removes, and whether finishing it
 * needs a reboot. Only a loader that has checked the signature, the schema and every path hands
 * these out (see {@code ManifestLoader}).
 *
 * @param product product id, for example {@code rmkit-burner}
 * @param channel release channel, for example {@code stable}
 * @param version the release version (compared as dotted numbers, see {@code Versions})
 * @param released when it was published
 * @param expires after this instant the manifest is refused (limits replay of old manifests)
 * @param files every file of the release
 * @param removals relative paths to delete from an older install
 * @param rebootRequired whether finishing the update needs a reboot
 * @param rollout the staged rollout; empty: every install is offered the release
 */
public record Manifest(
        String product,
        String channel,
        String version,
        Instant released,
        Instant expires,
        List<ManifestFile> files,
        List<String> removals,
        boolean rebootRequired,
        Optional<Rollout> rollout) {
    public Manifest {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(expires, "expires");
        files = List.copyOf(files);
        removals = List.copyOf(removals);
        Objects.requireNonNull(rollout, "rollout");
    }

    /** A release offered to every install (no staged rollout). */
    public Manifest(String product, String channel, String version, Instant released, Instant expires,
            List<ManifestFile> files, List<String> removals, boolean rebootRequired) {
        this(product, channel, version, released, expires, files, removals, rebootRequired, Optional.empty());
    }
}
