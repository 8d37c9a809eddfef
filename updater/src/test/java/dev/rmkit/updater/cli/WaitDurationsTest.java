package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitDurationsTest {

    @Test
    void readsTheWaysPeopleWriteDurations() {
        assertEquals(Duration.ofSeconds(90), WaitDurations.parse("90s"));
        assertEquals(Duration.ofSeconds(90), WaitDurations.parse("90"));
        assertEquals(Duration.ofMinutes(5), WaitDurations.parse("5m"));
        assertEquals(Duration.ofMinutes(90), WaitDurations.parse("1h30m"));
        assertEquals(Duration.ofMillis(250), WaitDurations.parse("250ms"));
        assertEquals(Duration.ofDays(2), WaitDurations.parse("2d"));
        assertEquals(Duration.ofMinutes(5), WaitDurations.parse("PT5M"));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"", "soon", "5 m", "m5", "5x", "1h-3m", "PT-5M", "-5s"}) {
            assertThrows(IllegalArgumentException.class, () -> WaitDurations.parse(bad), bad);
        }
    }
}
