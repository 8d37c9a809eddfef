package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closing order rule: every cooperating app is asked first; the processes that do not cooperate
 * (and so cannot be asked, saved or restarted) are signalled next; the cooperating apps are told to
 * end only once every one of those is gone. So a holder that ignores SIGTERM costs no cooperating
 * app its session, and a refusal (or a survivor) closes no cooperating app.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "signals, /proc and the registry are Linux's")
class CloseOrderIT {

    @TempDir Path tmp;
    private SessionFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aHolderThatSurvivesSigtermClosesNoCooperatingApp() throws Exception {
        // The survivor always ignores SIGTERM: the 500 ms end-session timeout only bounds the test's wait.
        fx = new SessionFixture(tmp, Duration.ofMillis(500), Duration.ofSeconds(5));
        Path f = fx.file("data.bin");
        JavaProcess coop = fx.cooperating(tmp, "--hold", f.toString());
        JavaProcess stubborn = fx.holder("--open", f.toString(), "--ignore-term");
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));

            ShutdownResult r = s.shutdown(Set.of(), p -> { });

            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome());
            AppOutcome survivor = outcomeOf(r, stubborn.pid());
            assertTrue(survivor.reason().orElseThrow().contains("after SIGTERM"), survivor.toString());
            AppOutcome cooperating = outcomeOf(r, coop.pid());
            assertEquals(Set.of(AppStatus.RUNNING), cooperating.app().status(), cooperating.toString());
            assertTrue(coop.isAlive(), "the cooperating app was not closed");
            coop.awaitLine("END false [CLOSE_APP]"::equals, Duration.ofSeconds(10));
            assertTrue(coop.lines().stream().noneMatch(l -> l.startsWith("END true")), coop.lines().toString());
        }
    }

    @Test
    void aForcedShutdownNamesEveryRefusalItOverrode() throws Exception {
        fx = new SessionFixture(tmp, Duration.ofSeconds(10), Duration.ofSeconds(5));
        Path f = fx.file("data.bin");
        JavaProcess coop = fx.cooperating(tmp, "--hold", f.toString(), "--veto", "Burning session 1 - 42%");
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));

            ShutdownResult r = s.shutdown(Set.of(ShutdownOption.FORCE), p -> { });

            assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome());
            AppOutcome closed = outcomeOf(r, coop.pid());
            assertEquals(Set.of(AppStatus.STOPPED), closed.app().status());
            assertEquals("Burning session 1 - 42%", r.overridden().get(closed.app().process()), r.toString());
        }
        assertTrue(coop.awaitExit(Duration.ofSeconds(10)).isPresent());
        assertFalse(coop.isAlive());
    }

    private static AppOutcome outcomeOf(ShutdownResult r, long pid) {
        return r.apps().stream().filter(o -> o.app().process().pid() == pid).findFirst().orElseThrow();
    }
}
