package dev.rmkit.updater.report;

import dev.rmkit.updater.ExitCode;

/** How a run that changes an install (apply, resume, auto, rollback, cancel, uninstall, restart-apps) ended, and the exit code that says it to scripts. */
public enum Outcome {
    UPDATED(ExitCode.OK),
    /** Updated, but an application or service that was closed for it did not start again. */
    RESTART_FAILED(ExitCode.NOT_RESTARTED),
    /** rollback: the install went back to the kept previous release. */
    REVERTED(ExitCode.OK),
    /** uninstall: every installed file and the install's state are gone. */
    UNINSTALLED(ExitCode.OK),
    /** cancel: the update that waited for a reboot was withdrawn; the install is the old release. */
    CANCELLED(ExitCode.OK),
    /** cancel found no update waiting for a reboot. */
    NOTHING_TO_CANCEL(ExitCode.OK),
    /** restart-apps: the apps left closed were started (or there were none). */
    APPS_RESTARTED(ExitCode.OK),
    UP_TO_DATE(ExitCode.OK),
    /** resume found no unfinished update. */
    NOTHING_TO_RESUME(ExitCode.OK),
    /** A staged rollout does not offer the release to this install yet (or it is halted): nothing to do. */
    NOT_OFFERED(ExitCode.OK),
    /** auto staged the release and, as its policy says, asked no app yet: try later. */
    STAGED(ExitCode.DEFERRED),
    BAD_USAGE(ExitCode.USAGE),
    REJECTED(ExitCode.REJECTED),
    UNAVAILABLE(ExitCode.UNAVAILABLE),
    /** The swap failed or was interrupted, and was undone: the install is the old version. */
    ROLLED_BACK(ExitCode.FAILED),
    /**
     * The health check failed after an update and the automatic rollback could not be done (an app
     * refused to close for it, or it failed): the new release is installed, the previous one is kept.
     */
    UNHEALTHY(ExitCode.FAILED),
    DEFERRED(ExitCode.DEFERRED),
    PERMISSION_DENIED(ExitCode.NO_PERMISSION),
    /** installed.json or the journal cannot be read: nothing was changed. */
    CORRUPT_STATE(ExitCode.CORRUPT_STATE),
    /** SIGINT stopped the run before the swap: nothing was changed. */
    INTERRUPTED(ExitCode.INTERRUPTED),
    /** SIGTERM stopped the run before the swap: nothing was changed. */
    TERMINATED(ExitCode.TERMINATED),
    REBOOT_REQUIRED(ExitCode.REBOOT_REQUIRED),
    REBOOT_INITIATED(ExitCode.REBOOT_INITIATED);

    private final ExitCode exitCode;

    Outcome(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** The outcome of a run that ended with this exit code through an exception. */
    public static Outcome of(ExitCode code) {
        return switch (code) {
            case OK -> UPDATED;
            case USAGE -> BAD_USAGE;
            case REJECTED -> REJECTED;
            case UNAVAILABLE -> UNAVAILABLE;
            case FAILED -> ROLLED_BACK;
            case NOT_RESTARTED -> RESTART_FAILED;
            case DEFERRED -> DEFERRED;
            case NO_PERMISSION -> PERMISSION_DENIED;
            case CORRUPT_STATE -> CORRUPT_STATE;
            case INTERRUPTED -> INTERRUPTED;
            case TERMINATED -> TERMINATED;
            case REBOOT_REQUIRED -> REBOOT_REQUIRED;
            case REBOOT_INITIATED -> REBOOT_INITIATED;
            case MISMATCH -> throw new IllegalArgumentException("verify ends with a verify report, not an update outcome");
        };
    }
}
