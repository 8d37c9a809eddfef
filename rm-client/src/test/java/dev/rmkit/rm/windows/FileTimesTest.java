package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileTimesTest {

    @Test
    void theUnixEpochIs116444736000000000Ticks() {
        assertEquals(116_444_736_000_000_000L, FileTimes.toFileTime(Instant.EPOCH));
        assertEquals(Instant.EPOCH, FileTimes.toInstant(116_444_736_000_000_000L));
    }

    @Test
    void roundTripsAt100NanosecondResolution() {
        Instant t = Instant.parse("2025-06-01T12:34:56.123456789Z");
        assertEquals(Instant.parse("2025-06-01T12:34:56.123456700Z"), FileTimes.toInstant(FileTimes.toFileTime(t)));
    }

    @Test
    void splitsIntoUnsignedDwords() {
        long ft = 0x01DB_F00D_8000_0001L;
        assertEquals(0x8000_0001, FileTimes.low(ft));
        assertEquals(0x01DB_F00D, FileTimes.high(ft));
        assertEquals(ft, FileTimes.of(FileTimes.low(ft), FileTimes.high(ft)));
    }
}
