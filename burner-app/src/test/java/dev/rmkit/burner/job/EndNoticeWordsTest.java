package dev.rmkit.burner.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.EndNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the burner says when it is told that an installer will close it at a given time. */
class EndNoticeWordsTest {

    static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
    static final EndNotice AT_ONE = new EndNotice(Instant.parse("2026-12-09T01:00:00Z"), "update of rmkit-burner to 2.0.0");
    static final String HEAD = "end notice: this burner will be closed at 2026-12-09T01:00:00Z (update of rmkit-burner to 2.0.0); ";

    /** Session 2 'Photos', 40% written in 8 s: 12 s left at that rate. */
    static final BurnProgress FORTY = new BurnProgress(2, "Photos", 400, 1000, Duration.ofSeconds(8));

    @Test
    void idleThereIsNothingToLoseAndQueuedJobsAreKept() {
        assertEquals(HEAD + "idle, nothing to lose", EndNoticeWords.of(AT_ONE, Optional.empty(), 0, NOW));
        assertEquals(HEAD + "idle, nothing to lose; 1 queued job stays in the saved state",
                EndNoticeWords.of(AT_ONE, Optional.empty(), 1, NOW));
        assertEquals(HEAD + "idle, nothing to lose; 3 queued jobs stay in the saved state",
                EndNoticeWords.of(AT_ONE, Optional.empty(), 3, NOW));
    }

    @Test
    void aBurnThatEndsBeforeTheCloseSaysSo() {
        assertEquals(HEAD + "the burn of session 2 'Photos' (40%, about 12 s left) should finish before then",
                EndNoticeWords.of(AT_ONE, Optional.of(FORTY), 0, NOW));
    }

    @Test
    void aBurnThatWouldNotEndBeforeTheCloseSaysWhatHappensToIt() {
        Instant elevenSecondsBefore = AT_ONE.at().minusSeconds(11);
        assertEquals(HEAD + "the burn of session 2 'Photos' (40%, about 12 s left) will not finish before then: it will"
                + " be stopped before its commit and burned again after the restart; earlier sessions stay intact",
                EndNoticeWords.of(AT_ONE, Optional.of(FORTY), 0, elevenSecondsBefore));
    }

    @Test
    void aBurnWithNothingWrittenYetCannotTell() {
        BurnProgress started = new BurnProgress(1, "Notes", 0, 1000, Duration.ZERO);
        assertEquals(HEAD + "the burn of session 1 'Notes' (0%) has only just started: it cannot tell yet whether it"
                + " finishes before then", EndNoticeWords.of(AT_ONE, Optional.of(started), 0, NOW));
    }

    @Test
    void longTimesAreInMinutesAndTheInstallersReasonIsOneLine() {
        BurnProgress slow = new BurnProgress(3, "Backup", 100, 10_000, Duration.ofSeconds(10));
        EndNotice odd = new EndNotice(NOW, "update\nof x\u001b[31m");
        assertEquals("end notice: this burner will be closed at 2026-12-08T12:00:00Z (update of x [31m); the burn of"
                + " session 3 'Backup' (1%, about 17 min left) will not finish before then: it will be stopped before its"
                + " commit and burned again after the restart; earlier sessions stay intact",
                EndNoticeWords.of(odd, Optional.of(slow), 0, NOW));
        assertEquals("end notice: this burner will be closed at 2026-12-08T12:00:00Z; idle, nothing to lose",
                EndNoticeWords.of(new EndNotice(NOW, ""), Optional.empty(), 0, NOW));
    }

    @Test
    void timeLeftIsTheRateSoFar() {
        assertEquals(Optional.of(Duration.ofSeconds(12)), FORTY.remaining());
        assertEquals(Optional.of(Duration.ZERO), new BurnProgress(1, "", 1000, 1000, Duration.ofSeconds(5)).remaining());
        assertEquals(Optional.empty(), new BurnProgress(1, "", 0, 1000, Duration.ofSeconds(5)).remaining());
        assertEquals(40, FORTY.percent());
    }
}
