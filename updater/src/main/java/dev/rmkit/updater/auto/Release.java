package dev.rmkit.updater.auto;

import java.util.Objects;

/**
 * The release on offer to this install in this run, as far as the decision needs to know it.
 *
 * @param version its version
 * @param rebootRequired the manifest says finishing it needs a reboot
 * @param pendingReboot the install's swap to this version is already staged and waits for a boot
 */
public record Release(String version, boolean rebootRequired, boolean pendingReboot) {
    public Release {
        Objects.requireNonNull(version, "version");
        if (version.isEmpty()) {
            throw new IllegalArgumentException("a release has a version");
        }
    }

    public static Release of(String version) {
        return new Release(version, false, false);
    }

    public Release waitingForReboot() {
        return new Release(version, rebootRequired, true);
    }
}
