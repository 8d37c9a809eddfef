package dev.rmkit.updater.policy;

import java.util.Arrays;
import java.util.Optional;

/** When an update that needs a reboot may reboot the machine (the policy's {@code reboot}). */
public enum RebootRule {
    /** Never: the run reports "reboot required" (exit 100) and someone else reboots. */
    NEVER("never"),
    /** Only inside a maintenance window (any time if the policy has none). */
    IN_WINDOW("in-window"),
    /** Inside a maintenance window, and at any time once the deadline and the grace period have passed. */
    AT_DEADLINE("at-deadline");

    private final String wire;

    RebootRule(String wire) {
        this.wire = wire;
    }

    /** As written in the policy file. */
    public String wire() {
        return wire;
    }

    public static Optional<RebootRule> of(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
    }
}
