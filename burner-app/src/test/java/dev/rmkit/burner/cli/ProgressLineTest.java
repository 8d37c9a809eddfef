package dev.rmkit.burner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void plainLinesCarryPercentRateAndEta() {
        assertEquals("progress 25% 153600/614400 bytes 153600 B/s eta 3s", ProgressLine.plain(153_600, 614_400, SECOND));
    }

    @Test
    void theBarFillsWithPercent() {
        assertEquals("[###############...............]  50%  150.0 KB/s  ETA 0:02",
                ProgressLine.bar(307_200, 614_400, 2 * SECOND));
    }

    @Test
    void unknownRateGivesNoEta() {
        assertEquals(-1, ProgressLine.etaSeconds(0, 100, 0));
        assertEquals("-:--", ProgressLine.clock(-1));
        assertEquals("1:05", ProgressLine.clock(65));
    }
}
