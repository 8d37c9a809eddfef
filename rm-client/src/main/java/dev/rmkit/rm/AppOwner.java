package dev.rmkit.rm;

import java.util.Map;
import java.util.Objects;

/**
 * Who an application runs as, read from the live process while it still runs, so that it can be
 * started again as that user once it is gone (after an updater died, or after a reboot). The
 * platform fills it ({@link SystemControl#ownerOf}) and reads it back ({@link SystemControl#startAs});
 * a caller only stores it, as plain JSON, and never interprets it. It keeps the part of the
 * environment that locates the user's session, not the whole environment, which may hold secrets.
 *
 * @param user Linux: the effective uid in decimal; Windows: the account's SID string
 * @param group Linux: the effective gid in decimal; Windows: {@code elevated} when the app's token was
 *     elevated (it is then never started again by rmkit), else empty
 * @param session Linux: the rmkit runtime directory the app registers in; Windows: the
 *     terminal-services session id in decimal
 * @param environment the session-locating variables of its environment (HOME, DISPLAY,
 *     XDG_RUNTIME_DIR…), as the platform chose them; Windows: empty (the environment is built from
 *     the user's token when the app is started)
 */
public record AppOwner(String user, String group, String session, Map<String, String> environment) {
    public AppOwner {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(session, "session");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        environment = Map.copyOf(environment == null ? Map.of() : environment);
    }
}
