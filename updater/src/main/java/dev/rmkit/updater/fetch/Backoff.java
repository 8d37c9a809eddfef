package dev.rmkit.updater.fetch;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * The wait before a retry: exponential backoff with equal jitter (half fixed, half random, so a
 * fleet that failed together does not retry in lockstep), but never shorter than the server's
 * {@code Retry-After}, which in turn is capped so a server cannot park the updater for hours.
 */
final class Backoff {
    private Backoff() {}

    /**
     * @param failures failed attempts in a row, at least 1
     * @param random returns a value in {@code [0, bound]} for a given bound
     */
    static Duration delay(FetchOptions o, int failures, Optional<Duration> retryAfter, LongUnaryOperator random) {
        long initial = o.initialBackoff().toMillis();
        long cap = o.maxBackoff().toMillis();
        int shift = Math.min(Math.max(failures, 1) - 1, 30);
        long exp = initial > (Long.MAX_VALUE >> shift) ? cap : initial << shift;
        long backoff = Math.min(cap, exp);
        long jittered = backoff - backoff / 2 + random.applyAsLong(backoff / 2);
        long server = retryAfter.map(d -> Math.min(d.toMillis(), o.maxRetryAfter().toMillis())).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, server));
    }
}
