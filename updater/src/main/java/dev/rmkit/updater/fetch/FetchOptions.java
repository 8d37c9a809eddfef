package dev.rmkit.updater.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently a {@link Fetcher} retries and how long it waits.
 *
 * @param maxAttempts attempts in a row that may fail without receiving a single new byte; an attempt
 *     that makes progress resets the count, so a flaky link still finishes a large file
 * @param maxTotalAttempts hard cap on attempts per fetch, so a server that dribbles one byte per
 *     connection cannot keep the updater busy forever
 * @param initialBackoff delay before the first retry; doubled per failed attempt, with jitter
 * @param maxBackoff upper bound of the exponential backoff
 * @param maxRetryAfter upper bound for a server's {@code Retry-After}, so a hostile or confused
 *     server cannot park the updater for hours
 * @param connectTimeout TCP/TLS connect timeout
 * @param responseTimeout time allowed until the response headers arrive
 * @param readTimeout longest silence allowed while the body streams
 */
public record FetchOptions(
        int maxAttempts,
        int maxTotalAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration readTimeout) {

    public FetchOptions {
        if (maxAttempts < 1 || maxTotalAttempts < maxAttempts) {
            throw new IllegalArgumentException(
                    "need 1 <= maxAttempts <= maxTotalAttempts, got " + maxAttempts + ", " + maxTotalAttempts);
        }
        positiveOrZero(initialBackoff, "initialBackoff");
        positiveOrZero(maxBackoff, "maxBackoff");
        positiveOrZero(maxRetryAfter, "maxRetryAfter");
        positive(connectTimeout, "connectTimeout");
        positive(responseTimeout, "responseTimeout");
        positive(readTimeout, "readTimeout");
    }

    /** Production defaults: 5 attempts without progress, 0.5 s to 30 s backoff, Retry-After up to 5 min. */
    public static FetchOptions defaults() {
        return new FetchOptions(
                5,
                50,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    public FetchOptions withBackoff(Duration initial, Duration max, Duration retryAfterCap) {
        return new FetchOptions(maxAttempts, maxTotalAttempts, initial, max, retryAfterCap,
                connectTimeout, responseTimeout, readTimeout);
    }

    public FetchOptions withAttempts(int attempts, int totalAttempts) {
        return new FetchOptions(attempts, totalAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                connectTimeout, responseTimeout, readTimeout);
    }

    public FetchOptions withTimeouts(Duration connect, Duration response, Duration read) {
        return new FetchOptions(maxAttempts, maxTotalAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                connect, response, read);
    }

    private static void positiveOrZero(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    private static void positive(Duration d, String name) {
        positiveOrZero(d, name);
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
