package dev.rmkit.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueRecordsTest {

    private static final ProcessId PID = new ProcessId(42, Instant.parse("2026-11-21T08:00:00Z"));

    @Test
    void processIdentityNeedsBothPidAndStartTime() {
        assertThrows(IllegalArgumentException.class, () -> new ProcessId(0, Instant.EPOCH));
        assertThrows(NullPointerException.class, () -> new ProcessId(1, null));
        assertFalse(PID.equals(new ProcessId(42, Instant.parse("2026-11-21T08:00:01Z"))),
                "a reused pid with another start time is another process");
    }

    @Test
    void restartCommandCopiesArgvAndRequiresAnAbsoluteDirectory() {
        List<String> argv = new ArrayList<>(List.of("burner", "--restore", "s.json"));
        RestartCommand cmd = RestartCommand.of(argv, Path.of("/srv/app"));
        argv.add("--evil");
        assertEquals(3, cmd.argv().size());
        assertThrows(IllegalArgumentException.class, () -> RestartCommand.of(List.of(), Path.of("/")));
        assertThrows(IllegalArgumentException.class, () -> RestartCommand.of(List.of("x"), Path.of("rel")));
    }

    @Test
    void vetoWithoutAReasonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QueryAnswer.veto(" "));
        assertTrue(QueryAnswer.allow().allowed());
        assertEquals(Optional.of("Burning"), QueryAnswer.veto("Burning").reason());
    }

    @Test
    void affectedAppStatusIsImmutable() {
        AffectedApp app = new AffectedApp(PID, "burner", "", AppType.MAIN_WINDOW,
                Set.of(AppStatus.RUNNING), true, Optional.empty());
        assertThrows(UnsupportedOperationException.class, () -> app.status().add(AppStatus.STOPPED));
        assertEquals(Set.of(AppStatus.STOPPED), app.withStatus(Set.of(AppStatus.STOPPED)).status());
    }

    @Test
    void restartResultIsCompleteOnlyWhenEveryAppCameBack() {
        AffectedApp app = new AffectedApp(PID, "a", "", AppType.CONSOLE, Set.of(), true, Optional.empty());
        assertTrue(new RestartResult(List.of(AppOutcome.ok(app))).complete());
        assertFalse(new RestartResult(List.of(AppOutcome.ok(app), AppOutcome.failed(app, "gone"))).complete());
    }

    @Test
    void rebootReasonsForbidShutdown() {
        assertTrue(new AffectedApps(List.of(), Set.of()).canShutDown());
        assertFalse(new AffectedApps(List.of(), Set.of(RebootReason.CRITICAL_PROCESS)).canShutDown());
    }

    @Test
    void rmExceptionNamesOperationAndCode() {
        RmException e = new RmException("RmShutdown", 351, "some applications did not close");
        assertEquals("RmShutdown: some applications did not close (error 351)", e.getMessage());
        assertEquals(351, e.errorCode());
        assertEquals("RmGetList", new RmCancelledException("RmGetList", 1223).operation());
    }
}
