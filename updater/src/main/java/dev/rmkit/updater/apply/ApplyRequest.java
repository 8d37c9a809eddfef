package dev.rmkit.updater.apply;

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
 * @param waitFor {@code --wait}: how long to keep asking refusing apps; zero defers at the first refusal
 * @param force {@code --force}: close apps even if they refuse
 * @param reboot {@code --reboot}
 * @param restart false with {@code --no-restart}: closed apps stay closed
 * @param allowDowngrade {@code --allow-downgrade}: accept a version not newer than the installed one
 * @param ignoreRollout {@code --ignore-rollout}: take the release even if its staged rollout does not
 *     offer it to this install yet
 */
public record ApplyRequest(ReleaseSource source, Path installDir, Optional<Path> trustKey, Duration waitFor, boolean force,
        RebootMode reboot, boolean restart, boolean allowDowngrade, boolean ignoreRollout) {
    public ApplyRequest {
        Objects.requireNonNull(source, "source");
        installDir = Objects.requireNonNull(installDir, "installDir").toAbsolutePath().normalize();
        Objects.requireNonNull(trustKey, "trustKey");
        Objects.requireNonNull(waitFor, "waitFor");
        if (waitFor.isNegative()) {
            throw new IllegalArgumentException("waitFor must not be negative: " + waitFor);
        }
        Objects.requireNonNull(reboot, "reboot");
    }

    /** Honouring the release's staged rollout. */
    public ApplyRequest(ReleaseSource source, Path installDir, Optional<Path> trustKey, Duration waitFor, boolean force,
            RebootMode reboot, boolean restart, boolean allowDowngrade) {
        this(source, installDir, trustKey, waitFor, force, reboot, restart, allowDowngrade, false);
    }

    /** A request for one manifest ({@code --manifest M}), honouring its staged rollout. */
    public ApplyRequest(String manifest, Path installDir, Optional<Path> trustKey, Duration waitFor, boolean force,
            RebootMode reboot, boolean restart, boolean allowDowngrade) {
        this(ReleaseSource.manifest(manifest), installDir, trustKey, waitFor, force, reboot, restart, allowDowngrade);
    }

    /** Defaults: no wait, no force, never reboot, restart apps, no downgrade, honour the rollout. */
    public static ApplyRequest of(String manifest, Path installDir, Optional<Path> trustKey) {
        return new ApplyRequest(manifest, installDir, trustKey, Duration.ZERO, false, RebootMode.NEVER, true, false);
    }

    /** This request as far as {@code e} lets it go: its force and reboot replace the request's. */
    ApplyRequest escalated(Gate.Escalation e) {
        return new ApplyRequest(source, installDir, trustKey, waitFor, e.force(), e.reboot(), restart, allowDowngrade,
                ignoreRollout);
    }
}
