package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.QueryAnswer;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowsCooperatingAppTest {

    private final RecordingListener listener = new RecordingListener();
    private final FakeWindowApi window = new FakeWindowApi();
    private final FakeProcessApi process = new FakeProcessApi();
    private final FakePowerApi power = new FakePowerApi();
    private WindowsCooperatingApp app;

    private WindowsCooperatingApp start() throws RmException {
        app = WindowsCooperatingApp.start("burner", listener, window, process, power);
        return app;
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void startOpensTheWindowAndTheConsoleHandler() throws RmException {
        start();
        assertEquals("open rmkit burner", window.events.get(0));
        assertTrue(process.calls.contains("SetConsoleCtrlHandler"));
    }

    @Test
    void aBadAppIdChangesNothing() {
        assertThrows(RmException.class, () -> WindowsCooperatingApp.start("bad id!", listener, window, process, power));
        assertEquals(List.of(), window.events);
        assertEquals(List.of(), process.calls);
    }

    @Test
    void registerRestartPassesQuotedArgumentsAndFlags() throws RmException {
        start().registerRestart(RestartCommand.of(List.of("burner.exe", "--restore", "C:\\a b\\s.json"),
                Path.of("/srv/burner").toAbsolutePath()));
        assertEquals("--restore \"C:\\a b\\s.json\" --rmkit-cwd " + Path.of("/srv/burner").toAbsolutePath(),
                process.registeredArguments);
        assertEquals(0, process.registeredFlags);
    }

    @Test
    void aRefusedRegistrationIsAnErrorWithTheWin32Code() throws RmException {
        process.registerResult = Win32Errors.E_INVALIDARG;
        RmException e = assertThrows(RmException.class,
                () -> start().registerRestart(RestartCommand.of(List.of("a"), Path.of("/x").toAbsolutePath())));
        assertEquals(87, e.errorCode());
    }

    @Test
    void busyBlocksShutdownFromTheWindowThreadAndKeepsTheSystemAwake() throws RmException {
        start();
        try (BusyHandle b = app.busy("Burning session 3")) {
            assertTrue(b.effective());
            assertEquals(Optional.of("Burning session 3"), window.blockReason);
            assertEquals(0x3FF, process.processShutdownParameters()[0]);
            assertEquals(77, power.openRequest);
            b.reason("Burning session 3 — 42%");
            assertEquals(Optional.of("Burning session 3 — 42%"), window.blockReason);
            listener.answer = QueryAnswer.allow();
            assertEquals(0, window.send(0x11, 0, 1), "a busy app vetoes even when the listener allows");
        }
        assertEquals(Optional.empty(), window.blockReason);
        assertEquals(0x280, process.processShutdownParameters()[0]);
        assertEquals(0, power.openRequest);
        assertFalse(window.events.stream().anyMatch(e -> e.contains("foreign thread")), window.events.toString());
        assertEquals(1, window.send(0x11, 0, 1));
    }

    @Test
    void withoutPowerRequestsTheWindowThreadHoldsTheExecutionState() throws RmException {
        power.powerRequestsAvailable = false;
        start();
        try (BusyHandle b = app.busy("Finalizing disc")) {
            assertTrue(b.effective());
            assertEquals(0x80000001, power.executionState);
        }
        assertEquals(0x80000000, power.executionState);
        assertTrue(power.calls.stream().filter(c -> c.startsWith("SetThreadExecutionState"))
                .allMatch(c -> c.endsWith("on fake-window")), power.calls.toString());
    }

    @Test
    void overlappingBusyPeriodsEndWithTheLastOne() throws RmException {
        start();
        BusyHandle a = app.busy("first");
        BusyHandle b = app.busy("second");
        assertEquals(Optional.of("second"), window.blockReason);
        b.close();
        assertEquals(Optional.of("first"), window.blockReason);
        a.close();
        assertEquals(Optional.empty(), window.blockReason);
        assertEquals(1, power.calls.stream().filter(c -> c.startsWith("PowerCreateRequest")).count());
    }

    @Test
    void aVetoedQueryShowsItsReasonAndACancelledEndClearsIt() throws RmException {
        start();
        listener.answer = QueryAnswer.veto("Burning — 10%");
        assertEquals(0, window.send(0x11, 0, 1));
        assertEquals(Optional.of("Burning — 10%"), window.blockReason);
        assertEquals(0, window.send(0x16, 0, 1));
        assertEquals(Optional.empty(), window.blockReason);
    }

    @Test
    void endSessionRunsTheListenerOnTheWindowThread() throws RmException {
        start();
        window.send(0x16, 1, 1);
        assertEquals("end [CLOSE_APP] on fake-window", listener.events.get(0));
    }

    @Test
    void consoleCtrlCReachesTheSameListener() throws RmException {
        start();
        listener.answer = QueryAnswer.veto("burning");
        assertTrue(process.consoleHandler.test(0));
        assertEquals("query [CLOSE_APP]", listener.events.get(0));
    }

    @Test
    void closeKeepsTheRestartRegistrationAndEndsBusyPeriods() throws RmException {
        start().registerRestart(RestartCommand.of(List.of("a", "--restore", "s"), Path.of("/x").toAbsolutePath()));
        app.busy("burning");
        app.close();
        assertTrue(window.closed);
        assertEquals(Optional.empty(), window.blockReason);
        assertEquals("--restore s --rmkit-cwd " + Path.of("/x").toAbsolutePath(), process.registeredArguments);
        assertThrows(RmException.class, () -> app.busy("again"));
        app.unregisterRestart();
        assertNull(process.registeredArguments);
    }
}
