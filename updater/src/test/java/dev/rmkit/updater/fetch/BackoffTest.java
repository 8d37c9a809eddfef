package dev.rmkit.updater.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final FetchOptions o = FetchOptions.defaults()
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void doublesPerFailureUpToTheCap() {
        assertEquals(Duration.ofMillis(500), Backoff.delay(o, 1, Optional.empty(), bound -> bound));
        assertEquals(Duration.ofMillis(1000), Backoff.delay(o, 2, Optional.empty(), bound -> bound));
        assertEquals(Duration.ofMillis(4000), Backoff.delay(o, 4, Optional.empty(), bound -> bound));
        assertEquals(Duration.ofSeconds(30), Backoff.delay(o, 40, Optional.empty(), bound -> bound));
    }

    @Test
    void jitterKeepsAtLeastHalf() {
        assertEquals(Duration.ofMillis(250), Backoff.delay(o, 1, Optional.empty(), bound -> 0));
        assertEquals(Duration.ofMillis(2000), Backoff.delay(o, 4, Optional.empty(), bound -> 0));
    }

    @Test
    void retryAfterWinsOverAShorterBackoffAndIsCapped() {
        assertEquals(Duration.ofSeconds(20), Backoff.delay(o, 1, Optional.of(Duration.ofSeconds(20)), bound -> 0));
        assertEquals(Duration.ofMinutes(5), Backoff.delay(o, 1, Optional.of(Duration.ofHours(3)), bound -> 0));
        assertEquals(Duration.ofSeconds(30), Backoff.delay(o, 40, Optional.of(Duration.ofSeconds(1)), bound -> bound));
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sat, 21 Nov 2026 10:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }
}
