package dev.rmkit.rm;

import java.time.Instant;
import java.util.Objects;

/**
 * Advance notice of a forced end: "you will be asked to end at {@code at}, because of
 * {@code reason}". An installer sends it to the cooperating apps that hold its files once it has
 * decided to close them even if they refuse, so an app can warn its user, finish or checkpoint its
 * work, and save. At {@code at} (or at the first installer run after it) the app gets its ordinary
 * end-session messages, flagged critical: a refusal is then overridden, and the app still saves.
 *
 * @param at when the forced close will happen
 * @param reason why, for people: "update of rmkit-burner to 2.0.0"
 */
public record EndNotice(Instant at, String reason) {
    public EndNotice {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
