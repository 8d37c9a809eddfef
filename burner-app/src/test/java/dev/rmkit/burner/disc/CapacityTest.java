package dev.rmkit.burner.disc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void overheadIs21MbForTheFirstSessionAnd11MbForEachFurther() {
        assertEquals(0, Capacity.overhead(0));
        assertEquals(10_752, Capacity.overhead(1));
        assertEquals(10_752 + 5_632, Capacity.overhead(2));
        assertEquals(10_752 + 4 * 5_632, Capacity.overhead(5));
    }

    @Test
    void usedCountsBlocksUpToTheLastSessionPlusOverhead() {
        DiscHeader h = header(new SessionInfo(1, 32, 177, "a", "", Instant.EPOCH),
                new SessionInfo(2, 224, 33, "b", "", Instant.EPOCH));
        assertEquals(257 + 16_384, Capacity.used(h));
        assertEquals(360_000 - 257 - 16_384, Capacity.free(h));
        assertEquals((256 - 257 + 32) + 10 + 5_632, Capacity.needed(h, 10), "alignment to 288, blocks, overhead");
    }

    @Test
    void aSessionThatFillsTheDiscExactlyFitsAndOneMoreSectorDoesNot() throws BurnerException {
        DiscHeader blank = DiscHeader.blank(MediaType.CD_R);
        long fits = 360_000 - 32 - 10_752;
        Recorder.checkRoom(blank, fits);
        BurnerException e = assertThrows(BurnerException.class, () -> Recorder.checkRoom(blank, fits + 1));
        assertEquals(ExitCode.DISC_REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("needs 703.1 MB (360001 sectors"), e.getMessage());
        assertTrue(e.getMessage().contains("(360000 sectors) are left"), e.getMessage());
    }

    @Test
    void aDiscWithTwoPercentOrLessFreeCountsAsNearlyFull() {
        long capacity = MediaType.CD_R.capacitySectors();
        long end = capacity - 10_752 - capacity / 50;
        DiscHeader edge = header(new SessionInfo(1, 32, end - 32, "a", "", Instant.EPOCH));
        assertTrue(Capacity.nearlyFull(edge));
        DiscHeader roomy = header(new SessionInfo(1, 32, end - 33, "a", "", Instant.EPOCH));
        assertFalse(Capacity.nearlyFull(roomy));
    }

    private static DiscHeader header(SessionInfo... s) {
        return new DiscHeader(2, MediaType.CD_R, UUID.randomUUID(), false, List.of(s));
    }
}
