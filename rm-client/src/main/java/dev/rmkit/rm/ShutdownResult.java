package dev.rmkit.rm;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link RestartSession#shutdown}. A refusal is a normal outcome, not an exception:
 * the caller decides whether to defer, wait or force.
 *
 * @param outcome what happened overall
 * @param apps every affected application with its status afterwards and, if it is still running,
 *     why
 * @param overridden the refusals a forced shutdown overrode: each app that refused (or did not answer)
 *     and was closed anyway, with its reason; empty for a graceful shutdown
 */
public record ShutdownResult(Outcome outcome, List<AppOutcome> apps, Map<ProcessId, String> overridden) {

    /** The overall outcome, mirroring RmShutdown's return codes. */
    public enum Outcome {
        /** Every affected application was closed (ERROR_SUCCESS), or none held the resources. */
        COMPLETE,
        /**
         * At least one application did not close (ERROR_FAIL_SHUTDOWN): it vetoed, timed out, was
         * not registered under {@link ShutdownOption#ONLY_REGISTERED}, or was masked by a filter. In a
         * graceful shutdown a veto closes nothing at all.
         */
        NOT_ALL_CLOSED,
        /** Nothing was closed because only a reboot can free the resources (ERROR_FAIL_NOACTION_REBOOT). */
        REBOOT_REQUIRED
    }

    public ShutdownResult {
        Objects.requireNonNull(outcome, "outcome");
        apps = List.copyOf(apps);
        overridden = Map.copyOf(overridden);
    }

    /** A result that overrode no refusal. */
    public ShutdownResult(Outcome outcome, List<AppOutcome> apps) {
        this(outcome, apps, Map.of());
    }

    public boolean complete() {
        return outcome == Outcome.COMPLETE;
    }
}
