package dev.rmkit.updater.install;

import java.util.List;
import java.util.Objects;

/**
 * The content of {@code .rmkit/installed.json}: which release is installed and exactly which files
 * it put there.
 *
 * @param product product id of the installed release
 * @param channel its channel
 * @param version its version
 * @param files every managed file with its size and SHA-256
 * @param keyId id of the key whose signature admitted this release
 * @param installedAt when the swap committed (ISO-8601 instant)
 */
public record InstalledState(
        String product, String channel, String version, List<InstalledFile> files, String keyId,
        String installedAt) {
    public InstalledState {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(version, "version");
        files = List.copyOf(files);
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(installedAt, "installedAt");
    }
}
