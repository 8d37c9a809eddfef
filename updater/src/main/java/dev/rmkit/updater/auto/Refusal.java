package dev.rmkit.updater.auto;

import java.time.Instant;
import java.util.Objects;

/**
 * One app's refusal to close, as remembered across runs.
 *
 * @param app its name
 * @param pid its pid then
 * @param reason its reason, as it gave it
 * @param at when
 */
public record Refusal(String app, long pid, String reason, Instant at) {
    public Refusal {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
