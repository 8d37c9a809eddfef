package dev.rmkit.updater.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void parsesShortFormsAndIso8601() {
        assertEquals(Duration.ofDays(30), Durations.parse("30d"));
        assertEquals(Duration.ofHours(12), Durations.parse("12H"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("90m"));
        assertEquals(Duration.ofSeconds(45), Durations.parse(" 45s "));
        assertEquals(Duration.ofDays(2), Durations.parse("P2D"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("pt1h30m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10", "-5d", "0d", "PT0S", "1w", "1.5h"})
    void rejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }
}
