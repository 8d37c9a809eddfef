package dev.rmkit.updater.apply;

import dev.rmkit.updater.apps.WaitSink;
import dev.rmkit.updater.reboot.RebootMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of one {@code apply}.
 *
 * @param manifest path or http/https URL of the manifest
 * @param installDir the install to update (created for a fresh install)
 * @param trustKey {@code --trust}: the publisher key to pin on first use
 * @param waitFor {@code --wait}: how long to keep asking refusing apps; zero defers at the first refusal
 * @param force {@code --force}: close apps even if they refuse
 * @param reboot {@code --reboot}
 * @param restart false with {@code --no-restart}: closed apps stay closed
 * @param allowDowngrade {@code --allow-downgrade}: accept a version not newer than the installed one
 * @param closeTimeout {@code --close-timeout}: how long each app has to close after it was told to
 *     (the platform's default when empty)
 * @param waits who hears what the closing waits for (the CLI's live line)
 */
public record ApplyRequest(String manifest, Path installDir, Optional<Path> trustKey, Duration waitFor, boolean force,
        RebootMode reboot, boolean restart, boolean allowDowngrade, Optional<Duration> closeTimeout, WaitSink waits) {
    public ApplyRequest {
        Objects.requireNonNull(manifest, "manifest");
        installDir = Objects.requireNonNull(installDir, "installDir").toAbsolutePath().normalize();
        Objects.requireNonNull(trustKey, "trustKey");
        Objects.requireNonNull(waitFor, "waitFor");
        if (waitFor.isNegative()) {
            throw new IllegalArgumentException("waitFor must not be negative: " + waitFor);
        }
        Objects.requireNonNull(reboot, "reboot");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        closeTimeout.filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> {
            throw new IllegalArgumentException("closeTimeout must be positive: " + d);
        });
        Objects.requireNonNull(waits, "waits");
    }

    /** The options without a close timeout of their own and with nobody listening to the waits. */
    public ApplyRequest(String manifest, Path installDir, Optional<Path> trustKey, Duration waitFor, boolean force,
            RebootMode reboot, boolean restart, boolean allowDowngrade) {
        this(manifest, installDir, trustKey, waitFor, force, reboot, restart, allowDowngrade, Optional.empty(),
                WaitSink.NONE);
    }

    /** Defaults: no wait, no force, never reboot, restart apps, no downgrade. */
    public static ApplyRequest of(String manifest, Path installDir, Optional<Path> trustKey) {
        return new ApplyRequest(manifest, installDir, trustKey, Duration.ZERO, false, RebootMode.NEVER, true, false);
    }
}
