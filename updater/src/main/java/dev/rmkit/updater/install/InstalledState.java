package dev.rmkit.updater.install;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param rolledBackFrom the newest version this install has run when that is newer than {@code version}
 *     (it went back on purpose: {@code rollback}, or {@code apply --allow-downgrade}); a manifest older
 *     than it is refused as a replay. Empty (absent from the JSON) otherwise
 */
public record InstalledState(
        String product, String channel, String version, List<InstalledFile> files, String keyId,
        String installedAt, @JsonInclude(JsonInclude.Include.NON_EMPTY) String rolledBackFrom) {
    public InstalledState {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(version, "version");
        files = List.copyOf(files);
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(installedAt, "installedAt");
        rolledBackFrom = rolledBackFrom == null ? "" : rolledBackFrom;
    }

    /** A release installed going forward. */
    public InstalledState(String product, String channel, String version, List<InstalledFile> files, String keyId,
            String installedAt) {
        this(product, channel, version, files, keyId, installedAt, "");
    }

    public InstalledState withInstalledAt(String at) {
        return new InstalledState(product, channel, version, files, keyId, at, rolledBackFrom);
    }

    public InstalledState withRolledBackFrom(String newest) {
        return new InstalledState(product, channel, version, files, keyId, installedAt, newest);
    }
}
