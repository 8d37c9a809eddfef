package dev.rmkit.burner.disc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeedTest {

    @Test
    void multiplesUseTheMediaOneXRate() {
        assertEquals(4 * 153_600L, Speed.parse("4x").bytesPerSecond(MediaType.CD_R).getAsLong());
        assertEquals(16 * 1_385_000L, Speed.parse("16X").bytesPerSecond(MediaType.DVD_R).getAsLong());
        assertEquals(153_600L, Speed.parse("1").bytesPerSecond(MediaType.CD_RW).getAsLong());
    }

    @Test
    void maxIsUnthrottled() {
        assertTrue(Speed.parse("max").isMax());
        assertTrue(Speed.parse("MAX").bytesPerSecond(MediaType.CD_R).isEmpty());
    }

    @Test
    void nonsenseIsRefusedWithTheReason() {
        for (String bad : new String[] {"0x", "-2x", "fast", "", "1.5x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Speed.parse(bad));
            assertTrue(e.getMessage().contains("Nx"), e.getMessage());
        }
    }
}
