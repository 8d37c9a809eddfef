package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.TestPoints;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HeldInstall;
import dev.rmkit.updater.testing.Trees;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM sent to the real updater running the commands other than apply (rollback,
 * uninstall, cancel, restart-apps, auto, resume): one JSON object saying the state and what to run
 * next, the report saved and appended to the history, the lock released, exit 130 or 143. Each signal
 * arrives at a point the test controls — while a refusing app keeps the run waiting under --wait, or
 * while the run is paused just after taking the lock — never after a guessed delay.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX signals and the Linux backend")
class LifecycleInterruptIT {

    static final String BURNING = "Burning session 3 of 'Photos' - 42%";

    @TempDir Path tmp;
    HeldInstall held;
    Path install;

    @BeforeEach
    void installV1ThenV2() throws Exception {
        held = HeldInstall.of(tmp, ApplyCommandTest.V1);
        install = held.install();
        Cli.Run v2 = held.cli().run("apply", "--manifest", held.feeds().publish("2.0.0", ApplyCommandTest.V2).toString(),
                "--install-dir", install.toString());
        assertEquals(0, v2.code(), v2.out() + v2.err());
    }

    @AfterEach
    void stopApps() {
        held.close();
    }

    private Map<String, String> env() {
        return Map.of("RMKIT_RUNTIME_DIR", held.cli().runtimeDir().toString());
    }

    /** Runs {@code args} while an app refuses; signals the updater once it has asked that app. */
    private UpdaterProcess.Result signalledWhileWaiting(String signal, String... args) throws Exception {
        JavaProcess app = held.startApp("lib/core.jar", List.of("--veto-file",
                Files.writeString(tmp.resolve("busy"), BURNING).toString()));
        UpdaterProcess u = UpdaterProcess.startSignalable(env(), args);
        app.awaitLine(l -> l.startsWith("QUERY"), Duration.ofSeconds(60));
        kill(signal, u);
        UpdaterProcess.Result r = u.await();
        assertTrue(app.isAlive(), "the refusing app was never closed");
        return r;
    }

    /** Runs {@code args} paused just after it took the install's lock; signals it there, then lets it go on. */
    private UpdaterProcess.Result signalledOnceLocked(String signal, String... args) throws Exception {
        Path pause = tmp.resolve("paused");
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        UpdaterProcess u = UpdaterProcess.startSignalable(Map.of(TestHooks.PAUSE_AT, "locked", TestHooks.PAUSE_FILE,
                pause.toString(), TestPoints.MARK_DIR, marks.toString()), env(), args);
        JavaProcess.await(() -> Files.exists(pause), Duration.ofSeconds(60), "the updater to hold the lock");
        kill(signal, u);
        // The JVM runs the handler on a thread of its own, some time after the kill: the run is let go on
        // only once the handler has recorded the signal, or it could pass its safe point first.
        JavaProcess.await(() -> Files.exists(marks.resolve("signal-recorded")), Duration.ofSeconds(60),
                "the updater to record the signal");
        Files.delete(pause);
        return u.await();
    }

    private static void kill(String signal, UpdaterProcess u) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(u.pid())).start().waitFor());
    }

    /** The one JSON object on stdout: also the saved report and the history's last line; the lock is free again. */
    private JsonNode stopped(UpdaterProcess.Result r, int code, String outcome) throws Exception {
        assertEquals(code, r.code(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1, r.out().strip().lines().count(), "exactly one JSON object: " + r.out());
        assertEquals(outcome, j.get("outcome").asText(), r.out());
        assertEquals(code, j.get("exitCode").asInt(), r.out());
        assertEquals(j, new ObjectMapper().readTree(install.resolve(".rmkit/last-report.json").toFile()), "report saved");
        List<String> history = Files.readAllLines(install.resolve(".rmkit/history.jsonl"));
        assertEquals(j, new ObjectMapper().readTree(history.get(history.size() - 1)), "history appended");
        Cli.Run next = held.cli().run("cancel", "--install-dir", install.toString(), "--json");
        assertEquals(0, next.code(), "the lock was released: " + next.out() + next.err());
        return j;
    }

    /** {@code command} waits for a refusing app under --wait until {@code signal} stops it there. */
    private void stoppedWhileWaiting(String signal, String command, int code, String outcome) throws Exception {
        Map<String, String> v2 = Trees.snapshot(install);

        JsonNode j = stopped(signalledWhileWaiting(signal, command, "--install-dir", install.toString(), "--wait", "5m",
                "--json"), code, outcome);

        assertEquals("interrupted by SIG" + signal + " while closing the apps; the install's files are unchanged; run the"
                + " same command again", j.get("message").asText(), command);
        assertEquals(v2, Trees.snapshot(install), command);
    }

    @Test
    void sigtermWhileARollbackWaitsChangesNothingAndSaysToRunItAgain() throws Exception {
        stoppedWhileWaiting("TERM", "rollback", 143, "TERMINATED");
    }

    @Test
    void sigintWhileAnUninstallWaitsLeavesTheInstallInPlace() throws Exception {
        stoppedWhileWaiting("INT", "uninstall", 130, "INTERRUPTED");
    }

    @Test
    void aSignalBeforeCancelRestartAppsOrRollbackBeginsStopsThem() throws Exception {
        Map<String, String> v2 = Trees.snapshot(install);
        for (String command : List.of("cancel", "restart-apps", "rollback")) {
            JsonNode j = stopped(signalledOnceLocked("INT", command, "--install-dir", install.toString(), "--json"), 130,
                    "INTERRUPTED");
            assertEquals("interrupted by SIGINT before it began; the install's files are unchanged; run the same command again",
                    j.get("message").asText(), command);
            assertEquals(v2, Trees.snapshot(install), command);
        }
    }

    @Test
    void aSignalBeforeResumeBeginsStopsItAndSaysToRunItAgain() throws Exception {
        JsonNode j = stopped(signalledOnceLocked("TERM", "resume", "--install-dir", install.toString(), "--json"), 143,
                "TERMINATED");

        assertEquals("interrupted by SIGTERM before it began; the install's files are unchanged; run updater resume again",
                j.get("message").asText());
    }

    @Test
    void aSignalBeforeAutoBeginsStopsItAndTheNextRunCarriesOn() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \""
                + held.feeds().publish("3.0.0", ApplyCommandTest.V1) + "\", \"timeZone\": \"UTC\"}");

        JsonNode j = stopped(signalledOnceLocked("TERM", "auto", "--install-dir", install.toString(), "--policy",
                policy.toString(), "--json"), 143, "TERMINATED");

        assertEquals("interrupted by SIGTERM before it began; the install's files are unchanged; the next scheduled run"
                + " carries on (verified downloads are kept), or run updater auto again", j.get("message").asText());
    }
}
