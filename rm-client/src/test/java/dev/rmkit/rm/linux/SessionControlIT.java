package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmCancelledException;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Signals, escalation, cancel and joined sessions, with real processes. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend with real processes (/proc, Unix sockets, signals)")
class SessionControlIT {

    @TempDir Path tmp;
    private SessionFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aProcessThatIgnoresSigtermSurvivesAGracefulShutdownButNotAForcedOne() throws Exception {
        fx = new SessionFixture(tmp, Duration.ofMillis(500), Duration.ofSeconds(5));
        Path f = fx.file("data.bin");
        JavaProcess stubborn = fx.holder("--open", f.toString(), "--ignore-term");
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            ShutdownResult graceful = s.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, graceful.outcome());
            assertTrue(graceful.apps().get(0).reason().orElseThrow().contains("after SIGTERM"));
            assertEquals(Set.of(AppStatus.RUNNING, AppStatus.ERROR_ON_STOP), graceful.apps().get(0).app().status());
            assertTrue(stubborn.isAlive());
            stubborn.awaitLine("IGNORED SIGTERM"::equals, Duration.ofSeconds(5));

            ShutdownResult forced = s.shutdown(Set.of(ShutdownOption.FORCE), p -> { });
            assertEquals(ShutdownResult.Outcome.COMPLETE, forced.outcome());
        }
        assertTrue(stubborn.awaitExit(Duration.ofSeconds(10)).isPresent());
    }

    @Test
    void cancelStopsAShutdownInProgress() throws Exception {
        fx = new SessionFixture(tmp, Duration.ofMinutes(2), Duration.ofSeconds(5));
        Path f = fx.file("data.bin");
        JavaProcess stubborn = fx.holder("--open", f.toString(), "--ignore-term");
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            CompletableFuture<ShutdownResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.shutdown(Set.of(ShutdownOption.FORCE), p -> { });
                } catch (RmException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            stubborn.awaitLine("IGNORED SIGTERM"::equals, Duration.ofSeconds(30));
            s.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
            RmCancelledException c = (RmCancelledException) e.getCause();
            assertEquals(Operation.ERROR_CANCELLED, c.errorCode());
        }
        assertTrue(stubborn.isAlive(), "a cancelled shutdown does not go on to SIGKILL");
    }

    @Test
    void aJoinedSessionCanRegisterButNotShutDown() throws Exception {
        fx = new SessionFixture(tmp);
        Path mine = fx.file("mine.bin");
        Path theirs = fx.file("theirs.bin");
        JavaProcess holder = fx.holder("--open", theirs.toString());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(mine));
            try (RestartSession joined = fx.platform.joinSession(s.key())) {
                assertFalse(joined.isPrimary());
                RmException e = assertThrows(RmException.class, () -> joined.shutdown(Set.of(), p -> { }));
                assertEquals(LinuxSession.ERROR_SESSION_CREDENTIAL_CONFLICT, e.errorCode());
                assertThrows(RmException.class, joined::list);
                assertThrows(RmException.class, joined::cancel);
            }
            // Another process joins by key and registers the file its holder has open.
            try (JavaProcess other = JavaProcess.start(JoinSessionApp.class, List.of(s.key(), theirs.toString()), tmp,
                    Map.of("RMKIT_RUNTIME_DIR", fx.runtime.toString()))) {
                other.awaitLine("REGISTERED primary=false"::equals, Duration.ofSeconds(30));
                other.awaitLine(("SHUTDOWN REFUSED " + LinuxSession.ERROR_SESSION_CREDENTIAL_CONFLICT)::equals, Duration.ofSeconds(30));
                assertEquals(0, other.awaitExit(Duration.ofSeconds(30)).orElseThrow());
            }
            assertEquals(List.of(holder.pid()), s.list().apps().stream().map(a -> a.process().pid()).toList());
            String key = s.key();
            s.close();
            assertFalse(Files.exists(fx.runtime.resolve("sessions").resolve(key + ".json")), "closing removes the session file");
            assertThrows(RmException.class, () -> fx.platform.joinSession(key));
        }
    }

    @Test
    void joiningWithAMalformedKeyFails() throws Exception {
        fx = new SessionFixture(tmp);
        RmException e = assertThrows(RmException.class, () -> fx.platform.joinSession("../../etc/passwd"));
        assertEquals(LinuxSession.ERROR_SESSION_CREDENTIAL_CONFLICT, e.errorCode());
    }

    @Test
    void registeredProcessesAreAffectedEvenWithoutFiles() throws Exception {
        fx = new SessionFixture(tmp);
        JavaProcess p = fx.holder();
        try (RestartSession s = fx.platform.startSession()) {
            s.registerProcesses(List.of(fx.platform.proc().processId(p.pid()).orElseThrow()));
            assertEquals(List.of(p.pid()), s.list().apps().stream().map(a -> a.process().pid()).toList());
            assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(), x -> { }).outcome());
        }
        assertTrue(p.awaitExit(Duration.ofSeconds(10)).isPresent());
    }
}
