package dev.rmkit.e2e.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.LinuxPlatform;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's example app as a real process, driven by an installer's restart session: it refuses
 * mid-upload with its reason, agrees between uploads, saves its count, and the restarted app carries on
 * from that count.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the launchers are POSIX sh and the scenarios need the Linux backend")
class GuideExampleIT {

    @TempDir Path tmp;
    JavaProcess app;
    long restartedPid;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        ProcessHandle.of(restartedPid).filter(h -> h.info().commandLine().map(c -> c.contains(tmp.toString())).orElse(false))
                .ifPresent(h -> {
                    h.destroyForcibly();
                    h.onExit().join();
                });
    }

    @Test
    void theExampleRefusesMidUploadAgreesBetweenUploadsAndComesBackWithItsCount() throws Exception {
        Path runtime = tmp.resolve("run");
        LinuxPlatform platform = new LinuxPlatform(LinuxConfig.withRuntimeDir(runtime)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5)));
        app = JavaProcess.start(Uploader.class, runtime, tmp, tmp.toString());
        app.awaitLine(l -> l.equals("uploader " + app.pid() + ": 0 batches so far"), Duration.ofSeconds(30));
        Path log = tmp.resolve("uploads.log");

        try (RestartSession session = platform.startSession()) {
            session.registerFiles(List.of(log));
            app.awaitLine(l -> l.equals("Uploading batch 1"), Duration.ofSeconds(30));
            ShutdownResult refused = session.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, refused.outcome(), refused.toString());
            AppOutcome o = refused.apps().stream().filter(a -> a.app().process().pid() == app.pid()).findFirst().orElseThrow();
            assertEquals(Optional.of("Uploading batch 1"), o.reason());
            assertTrue(app.isAlive());

            app.awaitLine(l -> l.equals("idle, 1 batches uploaded"), Duration.ofSeconds(30));
            ShutdownResult closed = session.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.COMPLETE, closed.outcome(), closed.toString());
            assertEquals(Optional.of(0), app.awaitExit(Duration.ofSeconds(15)));
            assertEquals("1", Files.readString(tmp.resolve("uploader.state")));

            RestartResult restarted = session.restart(p -> { });
            assertTrue(restarted.complete(), restarted.toString());
            restartedPid = restarted.apps().get(0).newProcess().orElseThrow().pid();
        }
        JavaProcess.await(() -> lines(log).contains("batch 2 uploaded"), Duration.ofSeconds(30),
                "the restarted uploader to go on with batch 2");
        assertEquals(List.of("batch 1 uploaded", "batch 2 uploaded"), lines(log).subList(0, 2));
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
