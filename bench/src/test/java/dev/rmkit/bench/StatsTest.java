package dev.rmkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleSample() {
        assertEquals(new Stats(3, 1, 9, 3), Stats.of(List.of(9.0, 1.0, 3.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(new Stats(2.5, 1, 4, 4), Stats.of(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void lineIsTabSeparatedWithDotsWhateverTheLocale() {
        assertEquals("RESULT\tfetch.rmkit\t2.500\t1.000\t4.000\t4\tMB/s",
                Stats.of(List.of(4.0, 1.0, 3.0, 2.0)).line("fetch.rmkit", "MB/s"));
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
    }

    @Test
    void toolPidsAreReadFromFuserAndLsofOutput() {
        assertEquals(java.util.Set.of(12L, 345L), HolderScanBench.pids("  12 345f\n"));
    }
}
