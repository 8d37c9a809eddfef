package dev.rmkit.updater.auto;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy decided for one run.
 *
 * @param action what to do
 * @param warn past the deadline: tell the cooperating holders when they will be closed ({@code forceAt})
 * @param deadline until when refusals are honoured without warning; empty if the policy never forces
 * @param forceAt from when apps are closed even if they refuse; empty if never
 * @param mayReboot if the update can only finish at a boot, the machine may be rebooted now
 * @param forceReboot that reboot goes ahead even if apps refuse (past deadline + grace)
 * @param why one line for people: why this action now
 */
public record Decision(Action action, boolean warn, Optional<Instant> deadline, Optional<Instant> forceAt,
        boolean mayReboot, boolean forceReboot, String why) {
    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(forceAt, "forceAt");
        Objects.requireNonNull(why, "why");
        if (warn && forceAt.isEmpty()) {
            throw new IllegalArgumentException("a warning names the time of the forced close");
        }
    }
}
