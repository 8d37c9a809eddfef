package dev.rmkit.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BootIdsTest {

    private static final Instant BOOT = Instant.parse("2025-03-04T05:06:07Z");

    @Test
    void randomIdsCompareByEquality() {
        assertTrue(BootIds.sameBoot("6f1c-aa", "6f1c-aa"));
        assertFalse(BootIds.sameBoot("6f1c-aa", "6f1c-ab"));
    }

    @Test
    void bootTimesWithinTheToleranceAreOneBoot() {
        String id = BootIds.ofBootTime(BOOT);
        assertEquals("boot-time-" + BOOT.getEpochSecond(), id);
        assertTrue(BootIds.sameBoot(id, BootIds.ofBootTime(BOOT.plusSeconds(59))));
        assertTrue(BootIds.sameBoot(id, BootIds.ofBootTime(BOOT.minusSeconds(60))));
        assertFalse(BootIds.sameBoot(id, BootIds.ofBootTime(BOOT.plusSeconds(61))));
        assertFalse(BootIds.sameBoot(id, "boot-time-x"));
        assertFalse(BootIds.sameBoot(id, "unknown-boot"));
    }
}
