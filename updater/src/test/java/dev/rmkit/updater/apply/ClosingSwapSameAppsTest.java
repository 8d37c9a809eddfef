package dev.rmkit.updater.apply;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The journal drafted before the close is used as it is only when the apps that closed are the listed
 * ones, unchanged in what their records are made of; the shutdown lists the holders again, so anything
 * else gets records made after the close.
 */
class ClosingSwapSameAppsTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T06:00:00Z");

    private static AffectedApp app(long pid, Instant started, String name, Optional<RestartCommand> command,
            Set<AppStatus> status) {
        return new AffectedApp(new ProcessId(pid, started), name, "", AppType.MAIN_WINDOW, status, command.isPresent(), command);
    }

    private static AffectedApp listed(long pid, String name, List<String> argv, String dir) {
        return app(pid, STARTED, name, Optional.of(new RestartCommand(argv, Path.of(dir), EnumSet.noneOf(RestartFlag.class))),
                EnumSet.of(AppStatus.RUNNING));
    }

    @Test
    void theListedAppsClosedUnchanged() {
        AffectedApp a = listed(10, "burner", List.of("/opt/b/burner", "--resume"), "/home/u");
        AffectedApp b = app(11, STARTED, "tool", Optional.empty(), EnumSet.of(AppStatus.RUNNING));
        // as the shutdown's own listing gives them back: other objects, another status
        AffectedApp closedA = listed(10, "burner", List.of("/opt/b/burner", "--resume"), "/home/u").withStatus(EnumSet.of(AppStatus.STOPPED));
        AffectedApp closedB = b.withStatus(EnumSet.of(AppStatus.STOPPED_OTHER));
        assertTrue(ClosingSwap.sameApps(List.of(closedA, closedB), List.of(a, b)));
        assertTrue(ClosingSwap.sameApps(List.of(), List.of()));
    }

    @Test
    void anythingTheRecordsAreMadeOfThatDiffersMeansNewRecords() {
        AffectedApp a = listed(10, "burner", List.of("/opt/b/burner", "--resume"), "/home/u");
        AffectedApp b = listed(11, "other", List.of("/opt/o"), "/");
        List<AffectedApp> was = List.of(a, b);
        assertFalse(ClosingSwap.sameApps(List.of(a), was), "one of them did not close");
        assertFalse(ClosingSwap.sameApps(List.of(b, a), was), "another order");
        assertFalse(ClosingSwap.sameApps(List.of(app(10, STARTED.plusSeconds(1), "burner", a.restartCommand(),
                a.status()), b), was), "another process with the same pid");
        assertFalse(ClosingSwap.sameApps(List.of(listed(10, "burner2", List.of("/opt/b/burner", "--resume"), "/home/u"), b), was),
                "renamed");
        assertFalse(ClosingSwap.sameApps(List.of(listed(10, "burner", List.of("/opt/b/burner", "--other"), "/home/u"), b), was),
                "registered another command");
        assertFalse(ClosingSwap.sameApps(List.of(listed(10, "burner", List.of("/opt/b/burner", "--resume"), "/tmp"), b), was),
                "another working directory");
        assertFalse(ClosingSwap.sameApps(List.of(app(10, STARTED, "burner", Optional.empty(), a.status()), b), was),
                "withdrew its registration");
    }
}
