package dev.rmkit.updater.auto;

import dev.rmkit.updater.policy.Policy;
import java.util.Optional;

/**
 * What the machine says about the policy's conditions now. A condition the OS cannot tell (no power
 * supply information: a server, a container) is taken as met, so an unknowable condition never
 * blocks updates forever.
 *
 * @param onAcPower on mains power; empty if the OS cannot tell
 */
public record Conditions(Optional<Boolean> onAcPower) {
    /** Nothing known: every condition is taken as met. */
    public static final Conditions UNKNOWN = new Conditions(Optional.empty());

    public Conditions {
        onAcPower = Optional.ofNullable(onAcPower).flatMap(o -> o);
    }

    public static Conditions onAcPower(boolean ac) {
        return new Conditions(Optional.of(ac));
    }

    /** Whether the policy's conditions hold. */
    public boolean met(Policy p) {
        return !p.onAcPower() || onAcPower.orElse(true);
    }

    /** Why they do not hold, in words; empty when they do. */
    public String unmetReason(Policy p) {
        return met(p) ? "" : "the policy waits for mains power (running on battery)";
    }
}
