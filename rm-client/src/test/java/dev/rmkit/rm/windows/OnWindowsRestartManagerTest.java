package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.JavaProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real Restart Manager can show (issue 13, "for the windows-latest job"): a child JVM that
 * uses rm-client and holds a file is asked with ENDSESSION_CLOSEAPP, vetoes while busy, agrees when
 * idle, and is restarted with its registered command and working directory; how RM classifies a
 * java.exe whose only window is rmkit's 0×0 popup; and RmShutdown → RmRestart → RmShutdown repeated in
 * one session, as {@code --wait} does. Runs on windows-latest only; it has not run yet.
 */
@EnabledOnOs(OS.WINDOWS)
class OnWindowsRestartManagerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aHeldFileIsFreedByAskingItsCooperatingAppWhichVetoesWhileBusyAndComesBackWithItsCommand() throws Exception {
        Path held = Files.writeString(dir.resolve("held.txt"), "held");
        Path veto = Files.writeString(dir.resolve("veto"), "burning session 3");
        Path started = dir.resolve("started.txt");
        Path work = Files.createDirectories(dir.resolve("work"));
        try (JavaProcess app = JavaProcess.start(CooperatingTestApp.class, List.of("--app-id", "held-app", "--hold",
                held.toString(), "--veto-file", veto.toString(), "--started", started.toString()), work, Map.of())
                .awaitReady();
                RestartSession session = new WindowsPlatform().startSession()) {
            // RegisterApplicationRestart's remarks: an app is restarted only after 60 s of running
            // (whether RmRestart applies this is not documented), so the test does not start too early.
            Instant startedAt = app.handle().info().startInstant().orElseThrow();
            JavaProcess.await(() -> Instant.now().isAfter(startedAt.plusSeconds(61)), Duration.ofSeconds(90),
                    "the app to have run for 61 s");
            session.registerFiles(List.of(held));
            AffectedApp listed = session.list().apps().stream().filter(a -> a.process().pid() == app.pid())
                    .findFirst().orElseThrow(() -> new AssertionError("the holder is not listed"));
            assertEquals(AppType.MAIN_WINDOW, listed.type(),
                    "a java.exe whose only window is rmkit's shown 0x0 popup: RM must be able to ask it");
            assertTrue(listed.restartCommand().isPresent(), "its registration is readable across processes");

            ShutdownResult refused = session.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, refused.outcome(), refused.toString());
            app.awaitLine(l -> l.equals("QUERY [CLOSE_APP]"), DEADLINE);
            assertTrue(app.process().isAlive(), "a veto keeps it running");

            Files.delete(veto);
            ShutdownResult closed = session.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.COMPLETE, closed.outcome(), closed.toString());
            assertTrue(app.process().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));

            Files.delete(started);
            RestartResult back = session.restart(p -> { });
            assertTrue(back.complete(), back.toString());
            JavaProcess.awaitFile(started, DEADLINE);
            List<String> lines = awaitLines(started);
            long newPid = Long.parseLong(lines.get(0));
            try {
                assertEquals(work.toAbsolutePath().toString(), lines.get(1), "the working directory comes back");
                assertTrue(lines.contains("--restored"), lines.toString());
                assertTrue(lines.contains("--hold"), lines.toString());

                // --wait asks again in the same session: the restarted app holds the file again.
                ShutdownResult again = session.shutdown(Set.of(), p -> { });
                assertEquals(ShutdownResult.Outcome.COMPLETE, again.outcome(), again.toString());
                Files.delete(started);
                assertTrue(session.restart(p -> { }).complete());
                JavaProcess.awaitFile(started, DEADLINE);
                newPid = Long.parseLong(awaitLines(started).get(0));
            } finally {
                ProcessHandle.of(newPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void theRebootQueryAsksTheRealWindowAndNamesTheAppThatRefuses() throws Exception {
        try (JavaProcess app = JavaProcess.start(CooperatingTestApp.class, List.of("--app-id", "busy-app", "--veto",
                "burning", "--no-register"), dir, Map.of()).awaitReady()) {
            RebootQuery query = new RebootQuery(new JnaSessionWindows());
            RmException e = assertThrows(RmException.class, query::ask);
            assertTrue(e.getMessage().contains("busy-app (pid " + app.pid() + ")"), e.getMessage());
            app.awaitLine(l -> l.equals("QUERY []"), DEADLINE);
        }
    }

    @Test
    void anAppThatAgreesToTheRebootQueryIsToldItIsCancelled() throws Exception {
        try (JavaProcess app = JavaProcess.start(CooperatingTestApp.class, List.of("--app-id", "idle-app",
                "--no-register"), dir, Map.of()).awaitReady()) {
            RebootQuery query = new RebootQuery(new JnaSessionWindows());
            List<SessionWindows.AppWindow> agreed = query.ask();
            assertTrue(agreed.stream().anyMatch(w -> w.pid() == app.pid()), agreed.toString());
            query.cancel(agreed);
            app.awaitLine(l -> l.equals("END false []"), DEADLINE);
            assertTrue(app.process().isAlive());
        }
    }

    private static List<String> awaitLines(Path file) throws IOException {
        JavaProcess.await(() -> {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).size() >= 3;
            } catch (IOException e) {
                return false;
            }
        }, DEADLINE, "the restarted app's record in " + file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertFalse(lines.isEmpty());
        return lines;
    }
}
