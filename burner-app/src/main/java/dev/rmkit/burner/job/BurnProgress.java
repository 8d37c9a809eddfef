package dev.rmkit.burner.job;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a running burn is: its session, label, bytes written of the session's total, and for how long it
 * has been writing. The time left is an estimate at the rate so far (a throttled burn keeps its rate;
 * an unthrottled one is as fast as the image file), unknown before the first bytes are written.
 *
 * @param session the session's number on the disc
 * @param label the session's label
 * @param written bytes written so far
 * @param total bytes of the whole session
 * @param elapsed time since the burn started writing
 */
public record BurnProgress(int session, String label, long written, long total, Duration elapsed) {

    public int percent() {
        return total <= 0 ? 100 : (int) Math.min(100, written * 100 / total);
    }

    /** The time left at the rate so far; empty until something has been written. */
    public Optional<Duration> remaining() {
        if (written <= 0 || elapsed.isZero() || elapsed.isNegative()) {
            return Optional.empty();
        }
        long leftBytes = Math.max(0, total - written);
        return Optional.of(Duration.ofNanos((long) (elapsed.toNanos() * ((double) leftBytes / written))));
    }
}
