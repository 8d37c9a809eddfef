package dev.rmkit.updater.apply;

import dev.rmkit.updater.health.HealthCheck;
import dev.rmkit.updater.reboot.RebootMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of one {@code apply}.
 *
 * @param source {@code --manifest M} or {@code --feed URL [--channel C]}
 * @param installDir the install to update (created for a fresh install)
 * @param trustKey {@code --trust}: the publisher key to pin on first use
 * @param holders {@code --wait}, {@code --force}, {@code --reboot}, {@code --no-restart}
 * @param allowDowngrade {@code --allow-downgrade}: accept a version not newer than the installed one
 * @param keepReleases {@code --keep-releases}: how many previous releases to keep for rollback
 * @param healthCheck {@code --health-check}: run after the restart; a failure rolls the update back
 * @param ignoreRollout {@code --ignore-rollout}: take the release even if its staged rollout does not
 *     offer it to this install yet
 */
public record ApplyRequest(ReleaseSource source, Path installDir, Optional<Path> trustKey, HolderOptions holders,
        boolean allowDowngrade, int keepReleases, Optional<HealthCheck> healthCheck, boolean ignoreRollout) {
    public ApplyRequest {
        Objects.requireNonNull(source, "source");
        installDir = Objects.requireNonNull(installDir, "installDir").toAbsolutePath().normalize();
        Objects.requireNonNull(trustKey, "trustKey");
        Objects.requireNonNull(holders, "holders");
        if (keepReleases < 0) {
            throw new IllegalArgumentException("keepReleases must not be negative: " + keepReleases);
        }
        Objects.requireNonNull(healthCheck, "healthCheck");
    }

    /** Honouring the release's staged rollout. */
    public ApplyRequest(ReleaseSource source, Path installDir, Optional<Path> trustKey, HolderOptions holders,
            boolean allowDowngrade, int keepReleases, Optional<HealthCheck> healthCheck) {
        this(source, installDir, trustKey, holders, allowDowngrade, keepReleases, healthCheck, false);
    }

    /** This request as far as {@code e} lets it go: its force and reboot replace the request's. */
    ApplyRequest escalated(Gate.Escalation e) {
        return new ApplyRequest(source, installDir, trustKey, new HolderOptions(holders.waitFor(), e.force(), e.reboot(),
                holders.after(), holders.closeTimeout(), holders.waits()), allowDowngrade, keepReleases, healthCheck, ignoreRollout);
    }

    /** Defaults: no wait, no force, never reboot, restart apps, no downgrade, keep one release, no health check. */
    public static ApplyRequest of(String manifest, Path installDir, Optional<Path> trustKey) {
        return new ApplyRequest(ReleaseSource.manifest(manifest), installDir, trustKey,
                new HolderOptions(Duration.ZERO, false, RebootMode.NEVER, HolderOptions.AfterSwap.RESTART), false, 1,
                Optional.empty());
    }
}
