package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.QueryAnswer;
import dev.rmkit.rm.windows.EndSessionDecider.Decision;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndSessionDeciderTest {

    private static final int WM_CLOSE = 0x10;
    private static final int WM_QUERYENDSESSION = 0x11;
    private static final int WM_ENDSESSION = 0x16;
    private static final int WM_POWERBROADCAST = 0x218;
    private static final long CLOSEAPP = 0x1;
    private static final long CRITICAL = 0x40000000L;
    private static final long LOGOFF = 0x80000000L;

    private final RecordingListener listener = new RecordingListener();
    private final BusyState busy = new BusyState();
    private final EndSessionDecider decider = new EndSessionDecider(listener, busy);

    @Test
    void lParamBitsDecodeIncludingBit31AsLogoff() {
        assertEquals(Set.of(), EndSessionDecider.flags(0));
        assertEquals(Set.of(EndSessionFlag.CLOSE_APP), EndSessionDecider.flags(CLOSEAPP));
        assertEquals(Set.of(EndSessionFlag.LOGOFF), EndSessionDecider.flags(LOGOFF));
        // An LPARAM read as a sign-extended int must still mean logoff.
        assertEquals(Set.of(EndSessionFlag.LOGOFF, EndSessionFlag.CRITICAL), EndSessionDecider.flags((long) (int) 0xC0000000));
    }

    @Test
    void anIdleAppAllowsTheSessionToEnd() {
        assertEquals(Optional.of(Decision.of(1)), decider.onMessage(WM_QUERYENDSESSION, 0, CLOSEAPP));
        assertEquals(List.of("query [CLOSE_APP]"), listener.events);
    }

    @Test
    void aVetoReturnsFalseAndShowsTheReason() {
        listener.answer = QueryAnswer.veto("Burning session 3 of 'Photos' — 42%");
        Decision d = decider.onMessage(WM_QUERYENDSESSION, 0, CLOSEAPP | CRITICAL).orElseThrow();
        assertEquals(0, d.result());
        assertEquals(Optional.of("Burning session 3 of 'Photos' — 42%"), d.setBlockReason());
        assertEquals(List.of("query [CLOSE_APP, CRITICAL]"), listener.events);
    }

    @Test
    void anOpenBusyPeriodVetoesEvenWhenTheListenerAllows() {
        busy.enter("Writing the lead-out");
        Decision d = decider.onQueryEndSession(LOGOFF);
        assertEquals(0, d.result());
        assertEquals(Optional.of("Writing the lead-out"), d.setBlockReason());
    }

    @Test
    void aListenerThatThrowsVetoesRatherThanLosingWork() {
        listener.failOnQuery = true;
        Decision d = decider.onQueryEndSession(CLOSEAPP);
        assertEquals(0, d.result());
        assertTrue(d.setBlockReason().orElseThrow().contains("could not answer"));
    }

    @Test
    void endSessionTrueTellsTheListenerOnceInsideTheHandler() {
        assertEquals(Optional.of(Decision.of(0)), decider.onMessage(WM_ENDSESSION, 1, CLOSEAPP));
        decider.onMessage(WM_ENDSESSION, 1, CLOSEAPP);
        assertFalse(decider.onConsoleEvent(6), "CTRL_SHUTDOWN after WM_ENDSESSION passes on");
        assertEquals(List.of("end [CLOSE_APP] on " + Thread.currentThread().getName()), listener.events);
    }

    @Test
    void aCancelledEndClearsTheVetoReasonUnlessBusy() {
        Decision idle = decider.onMessage(WM_ENDSESSION, 0, 0).orElseThrow();
        assertTrue(idle.clearBlockReason());
        busy.enter("burning");
        Decision busyNow = decider.onMessage(WM_ENDSESSION, 0, 0).orElseThrow();
        assertFalse(busyNow.clearBlockReason());
        assertTrue(listener.events.get(0).startsWith("cancelled []"));
    }

    @Test
    void closeIsHandledSoTheWindowSurvives() {
        assertEquals(Optional.of(Decision.of(0)), decider.onMessage(WM_CLOSE, 0, 0));
        assertEquals(List.of("close"), listener.events);
    }

    @Test
    void powerEventsReachTheListenerAndSuspendQueriesAreDeniedWhileBusy() {
        assertEquals(1, decider.onMessage(WM_POWERBROADCAST, 0x0, 0).orElseThrow().result());
        busy.enter("burning");
        assertEquals(0x424D5144, decider.onMessage(WM_POWERBROADCAST, 0x0, 0).orElseThrow().result());
        decider.onMessage(WM_POWERBROADCAST, 0x4, 0);
        decider.onMessage(WM_POWERBROADCAST, 0x12, 0);
        decider.onMessage(WM_POWERBROADCAST, 0x7, 0);
        assertEquals(List.of("power SUSPEND", "power RESUME"), listener.events);
    }

    @Test
    void otherMessagesGoToDefWindowProc() {
        assertEquals(Optional.empty(), decider.onMessage(0x0001, 0, 0));
    }

    @Test
    void ctrlCIsSwallowedWhenVetoedAndPassedOnAfterEndingWhenAllowed() {
        listener.answer = QueryAnswer.veto("burning");
        assertTrue(decider.onConsoleEvent(0));
        listener.answer = QueryAnswer.allow();
        assertFalse(decider.onConsoleEvent(0));
        String t = Thread.currentThread().getName();
        assertEquals(List.of("query [CLOSE_APP]", "cancelled [CLOSE_APP] on " + t, "query [CLOSE_APP]",
                "end [CLOSE_APP] on " + t), listener.events);
    }

    @Test
    void consoleCloseLogoffAndShutdownCannotBeRefused() {
        listener.answer = QueryAnswer.veto("burning");
        assertFalse(decider.onConsoleEvent(5));
        assertEquals(List.of("end [LOGOFF] on " + Thread.currentThread().getName()), listener.events);
        assertFalse(new EndSessionDecider(listener, busy).onConsoleEvent(2));
        assertFalse(decider.onConsoleEvent(1), "CTRL_BREAK is left to the JVM (thread dump)");
    }
}
