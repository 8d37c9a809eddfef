package dev.rmkit.rm.linux;

import dev.rmkit.rm.RestartCommand;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An app this session shut down, with what restarting it as its own user needs: its listing (registry
 * entry, uid, gid), its registered command as the listing had it, the environment it had started with,
 * and its launch armed while the apps were closed ({@link Arming}). {@link Shutdown} makes it before the
 * close: the command is parsed from the registry entry then (argv copied, the directory parsed into a
 * path), not between the app's exit and its restart.
 */
record Closed(Listed listed, Optional<RestartCommand> command, Map<String, String> environment, Arming.Slot armed) {
    Closed {
        Objects.requireNonNull(listed, "listed");
        Objects.requireNonNull(command, "command");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(armed, "armed");
    }

    /** {@code listed} with its registered command. */
    Closed(Listed listed, Map<String, String> environment, Arming.Slot armed) {
        this(listed, listed.registeredCommand(), environment, armed);
    }
}
