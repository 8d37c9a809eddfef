package dev.rmkit.rm.linux;

import java.util.Map;
import java.util.Objects;

/**
 * An app this session shut down, with what restarting it as its own user needs: its listing (registry
 * entry, uid, gid) and the environment it had started with.
 */
record Closed(Listed listed, Map<String, String> environment) {
    Closed {
        Objects.requireNonNull(listed, "listed");
        environment = Map.copyOf(environment);
    }
}
