package dev.rmkit.updater.health;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code apply --health-check CMD --health-timeout T}: a command the administrator gives, run after the
 * apps are back; exit 0 within the timeout means healthy.
 *
 * @param argv the command, already split into words ({@link CommandWords}); run without a shell
 * @param timeout how long it may take
 */
public record HealthCheck(List<String> argv, Duration timeout) {
    public HealthCheck {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("the health check needs a command");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the health timeout must be positive: " + timeout);
        }
    }
}
