package dev.rmkit.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rmkit.updater.Durations.Rule;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void waitReadsTheWaysPeopleWriteDurations() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s", Rule.WAIT));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90", Rule.WAIT));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m", Rule.WAIT));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m", Rule.WAIT));
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms", Rule.WAIT));
        assertEquals(Duration.ofDays(2), Durations.parse("2d", Rule.WAIT));
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M", Rule.WAIT));
        assertEquals(Duration.ZERO, Durations.parse("0s", Rule.WAIT), "zero: do not wait");
    }

    @Test
    void waitRefusesAnythingElse() {
        for (String bad : new String[] {"", "soon", "5 m", "m5", "5x", "1h-3m", "PT-5M", "-5s"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad, Rule.WAIT), bad);
        }
    }

    @Test
    void expiryParsesShortFormsAndIso8601() {
        assertEquals(Duration.ofDays(30), Durations.parse("30d", Rule.EXPIRY));
        assertEquals(Duration.ofHours(12), Durations.parse("12H", Rule.EXPIRY));
        assertEquals(Duration.ofMinutes(90), Durations.parse("90m", Rule.EXPIRY));
        assertEquals(Duration.ofSeconds(45), Durations.parse(" 45s ", Rule.EXPIRY));
        assertEquals(Duration.ofDays(2), Durations.parse("P2D", Rule.EXPIRY));
        assertEquals(Duration.ofMinutes(90), Durations.parse("pt1h30m", Rule.EXPIRY));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m", Rule.EXPIRY), "combined, like --wait");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10", "-5d", "0d", "PT0S", "1w", "1.5h"})
    void expiryRejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text, Rule.EXPIRY));
    }
}
