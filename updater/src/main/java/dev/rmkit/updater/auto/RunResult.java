package dev.rmkit.updater.auto;

import java.util.List;
import java.util.Objects;

/**
 * How a run ended, as the decision needs it to plan the next one: the apps' answers included.
 *
 * @param kind what happened
 * @param refusals the apps that refused (to close, or to let the machine reboot), first the one to name
 */
public record RunResult(Kind kind, List<Refusal> refusals) {

    /** What happened to the release in this run. */
    public enum Kind {
        /** The release is installed (or was already): nothing more to do. */
        UPDATED,
        /** Nothing on offer: up to date, not yet offered by the rollout, or halted. */
        NOTHING_OFFERED,
        /** Staged only, as the policy decided: no app was asked. */
        STAGED,
        /** Asked, and an app refused: a counted deferral. */
        DEFERRED,
        /** The swap waits for a boot (a reboot was not allowed, or an app refused it). */
        REBOOT_PENDING,
        /** A reboot was started; the update finishes after it. */
        REBOOT_STARTED,
        /** The run failed (feed unavailable, payload rejected, apply rolled back); the next run tries again. */
        FAILED
    }

    public RunResult {
        Objects.requireNonNull(kind, "kind");
        refusals = List.copyOf(refusals);
    }

    public static RunResult of(Kind kind) {
        return new RunResult(kind, List.of());
    }
}
