package dev.rmkit.rm;

import java.util.Objects;
import java.util.Optional;

/**
 * A service an installer stopped through the system's service manager, as it records it to start it
 * again later ({@link SystemControl#startService}), even from another process after the installer
 * died: the unit's name and the manager that runs it. The platform fills it
 * ({@link SystemControl#serviceOf}) and reads it back; a caller only stores it, as plain JSON.
 *
 * @param name the unit's name (Linux: {@code app.service})
 * @param userManager the user whose own service manager runs it (Linux: a user service,
 *     {@code user@UID.service/…}; its uid and gid reach that manager as that user); null (absent
 *     from the JSON) for the system manager; read it through {@link #user()}
 */
public record ServiceUnit(String name, AppOwner userManager) {
    public ServiceUnit {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a service name must not be blank");
        }
    }

    /** A service of the system manager. */
    public static ServiceUnit system(String name) {
        return new ServiceUnit(name, null);
    }

    /** The user whose own manager runs it; empty for the system manager. */
    public Optional<AppOwner> user() {
        return Optional.ofNullable(userManager);
    }

    /** For people: {@code app.service}, or {@code app.service (user 1000)} for a user's service. */
    @Override
    public String toString() {
        return user().map(u -> name + " (user " + u.user() + ")").orElse(name);
    }
}
