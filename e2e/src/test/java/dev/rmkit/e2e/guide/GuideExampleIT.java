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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's example app as a real process, driven by an installer's restart session: it refuses
 * mid-upload with its reason, agrees between uploads, saves its count, and the restarted app carries on
 * from that count. The test plays the app's server through a FIFO, so an upload lasts exactly until the
 * test accepts it: the refusal is asked for while an upload certainly runs, and no step depends on how
 * fast the machine is.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the launchers are POSIX sh, the server is a FIFO, the scenarios need the Linux backend")
class GuideExampleIT {

    @TempDir Path tmp;
    JavaProcess app;
    long restartedPid;
    Path server;
    volatile boolean serving;

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
        serving = false; // the server thread ends after the upload it waits for (a daemon: none comes now)
    }

    @Test
    void theExampleRefusesMidUploadAgreesBetweenUploadsAndComesBackWithItsCount() throws Exception {
        Path runtime = tmp.resolve("run");
        server = tmp.resolve("server");
        assertEquals(0, new ProcessBuilder("mkfifo", server.toString()).inheritIO().start().waitFor(), "mkfifo");
        LinuxPlatform platform = new LinuxPlatform(LinuxConfig.withRuntimeDir(runtime)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5)));
        app = JavaProcess.start(Uploader.class, runtime, tmp, tmp.toString());
        app.awaitLine(l -> l.equals("uploader " + app.pid() + ": 0 batches so far"), Duration.ofSeconds(30));
        Path log = tmp.resolve("uploads.log");

        try (RestartSession session = platform.startSession()) {
            session.registerFiles(List.of(log));
            // Batch 1 waits for the server, which accepts nothing yet: the upload certainly runs.
            app.awaitLine(l -> l.equals("Uploading batch 1"), Duration.ofSeconds(30));
            ShutdownResult refused = session.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, refused.outcome(), refused.toString());
            assertEquals(Optional.of("Uploading batch 1"), reason(refused));
            assertTrue(app.isAlive());

            serve();
            long uploaded = closeBetweenUploads(session);

            assertEquals(Optional.of(0), app.awaitExit(Duration.ofSeconds(15)));
            assertEquals(Long.toString(uploaded), Files.readString(tmp.resolve("uploader.state")));
            assertEquals(batches(1, uploaded), lines(log));

            RestartResult restarted = session.restart(p -> { });
            assertTrue(restarted.complete(), restarted.toString());
            restartedPid = restarted.apps().get(0).newProcess().orElseThrow().pid();
            long next = uploaded + 1;
            JavaProcess.await(() -> lines(log).contains("batch " + next + " uploaded"), Duration.ofSeconds(60),
                    "the restarted uploader to go on with batch " + next);
            assertEquals(batches(1, next), lines(log).subList(0, (int) next));
        }
    }

    /**
     * Asks the app to close once it is idle. Between uploads it agrees; if the machine is so slow that
     * the next upload began before the question arrived, it refuses with that batch, and the question
     * is asked again after that upload: a refusal closes nothing, so asking again is always safe.
     * Returns the number of batches uploaded when it closed.
     */
    private long closeBetweenUploads(RestartSession session) throws Exception {
        long batch = 1;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            String idle = "idle, " + batch + " batches uploaded";
            app.awaitLine(idle::equals, Duration.ofSeconds(60));
            ShutdownResult r = session.shutdown(Set.of(), p -> { });
            if (r.outcome() == ShutdownResult.Outcome.COMPLETE) {
                return batch;
            }
            assertEquals(Optional.of("Uploading batch " + (batch + 1)), reason(r), "only an upload refuses: " + r);
            assertTrue(System.nanoTime() < deadline, "never found the uploader idle in 2 minutes");
            batch++;
        }
    }

    /** The test as the app's server: accepts every upload from now on. */
    private void serve() {
        serving = true;
        Thread t = new Thread(() -> {
            while (serving) {
                try {
                    Files.readAllBytes(server); // one upload: from the app's open to its close
                } catch (IOException e) {
                    return;
                }
            }
        }, "uploader's server");
        t.setDaemon(true);
        t.start();
    }

    private Optional<String> reason(ShutdownResult r) {
        AppOutcome o = r.apps().stream().filter(a -> a.app().process().pid() == app.pid()).findFirst().orElseThrow();
        return o.reason();
    }

    private static List<String> batches(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(b -> "batch " + b + " uploaded").toList();
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
