package dev.rmkit.updater.schedule;

import dev.rmkit.updater.UpdateException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code updater schedule} was asked.
 *
 * @param action install, remove or show
 * @param installDir the install
 * @param policy the policy file (install only)
 */
public record ScheduleRequest(Action action, Path installDir, Optional<Path> policy) {

    /** The three things {@code schedule} does. */
    public enum Action { INSTALL, REMOVE, SHOW }

    public ScheduleRequest {
        Objects.requireNonNull(action, "action");
        installDir = Objects.requireNonNull(installDir, "installDir").toAbsolutePath().normalize();
        Objects.requireNonNull(policy, "policy");
    }

    /** From the command line; a wrong action, or install without a policy, is bad usage. */
    public static ScheduleRequest of(String action, Path installDir, Path policy) throws UpdateException.Usage {
        Action a;
        try {
            a = Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UpdateException.Usage("schedule takes install, remove or show, not '" + action + "'");
        }
        if (a == Action.INSTALL && policy == null) {
            throw new UpdateException.Usage("schedule install needs --policy P");
        }
        if (a != Action.INSTALL && policy != null) {
            throw new UpdateException.Usage("--policy is for schedule install only");
        }
        return new ScheduleRequest(a, installDir, Optional.ofNullable(policy));
    }
}
