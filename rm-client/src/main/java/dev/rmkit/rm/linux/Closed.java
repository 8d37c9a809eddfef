package dev.rmkit.rm.linux;

import java.util.Map;
import java.util.Objects;

/**
 * An app this session shut down, with what restarting it as its own user needs: its listing (registry
 * entry, uid, gid), the environment it had started with, and its launch armed while the apps were
 * closed ({@link Arming}).
 */
record Closed(Listed listed, Map<String, String> environment, Arming.Slot armed) {
    Closed {
        Objects.requireNonNull(listed, "listed");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(armed, "armed");
    }
}
