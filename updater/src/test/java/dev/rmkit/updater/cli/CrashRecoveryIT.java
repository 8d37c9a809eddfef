package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.testing.ArmedShells;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.rm.testing.Unprivileged;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updater killed at every step of the swap, then {@code resume}: the install is byte-for-byte the
 * old release before the commit record and the new one from it on, never a mix; and two updaters on
 * one install never both proceed.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "kills the updater mid-swap under the Linux backend (setpriv, /proc)")
class CrashRecoveryIT {

    /** V1 → V2 is: remove conf/old.conf (step 0), replace lib/core.jar (1), add lib/new.jar (2). */
    static final List<String> BEFORE_COMMIT = List.of("staged", "journal-prepared", "backup-0", "backup-1",
            "install-1", "install-2", "swapped");
    static final List<String> AFTER_COMMIT = List.of("committed", "installed-written", "backups-deleted",
            "staging-deleted");

    @TempDir Path tmp;
    Feeds feeds;
    Path v1;
    Path v2;
    Map<String, String> oldTree;
    Map<String, String> newTree;

    @BeforeEach
    void feeds() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        v1 = feeds.publish("1.0.0", ApplyCommandTest.V1);
        v2 = feeds.publish("2.0.0", ApplyCommandTest.V2);
        Map<String, String> oldWithUser = new HashMap<>(ApplyCommandTest.V1);
        oldWithUser.put("notes.txt", "user data");
        Map<String, String> newWithUser = new HashMap<>(ApplyCommandTest.V2);
        newWithUser.put("notes.txt", "user data");
        oldTree = feeds.tree("old", oldWithUser);
        newTree = feeds.tree("new", newWithUser);
    }

    /** A fresh v1 install with a user file, in its own directory. */
    private Path installV1(String name, Cli cli) throws Exception {
        Path install = tmp.resolve(name);
        assertEquals(0, cli.run("apply", "--manifest", v1.toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString()).code());
        Files.writeString(install.resolve("notes.txt"), "user data");
        return install;
    }

    private Map<String, String> env(Cli cli) {
        return Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString(),
                "XDG_CONFIG_HOME", tmp.resolve("xdg").toString(),
                "RMKIT_SYSTEMD_UNIT_DIR", tmp.resolve("units").toString(),
                "RMKIT_REBOOT_COMMAND", "true");
    }

    private UpdaterProcess.Result applyV2(Path install, Cli cli, Map<String, String> props) throws Exception {
        return UpdaterProcess.run(props, env(cli), "apply", "--manifest", v2.toString(), "--install-dir",
                install.toString(), "--json");
    }

    private void assertConsistent(Path install, Cli cli, Map<String, String> expected, String version, String step) {
        assertEquals(expected, Trees.snapshot(install), "after a crash at " + step);
        var status = cli.run("status", "--install-dir", install.toString(), "--json").json();
        assertEquals(version, status.get("version").asText(), "status after a crash at " + step);
        assertEquals("none", status.get("pending").asText(), "pending after a crash at " + step);
    }

    @Test
    void aCrashAtAnyStepBeforeTheCommitResumesToExactlyTheOldRelease() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        for (String step : BEFORE_COMMIT) {
            Path install = installV1("before-" + step, cli);

            UpdaterProcess.Result crashed = applyV2(install, cli, Map.of(TestHooks.CRASH_AT, step));
            assertEquals(137, crashed.code(), step + ": " + crashed.out() + crashed.err());

            UpdaterProcess.Result resumed = UpdaterProcess.run(Map.of(), env(cli), "resume", "--install-dir",
                    install.toString(), "--json");
            int expectedCode = step.equals("staged") ? 0 : ExitCode.FAILED.code();
            assertEquals(expectedCode, resumed.code(), step + ": " + resumed.out() + resumed.err());
            assertConsistent(install, cli, oldTree, "1.0.0", step);

            Cli.Run retry = cli.run("apply", "--manifest", v2.toString(), "--install-dir", install.toString());
            assertEquals(0, retry.code(), step + ": a later apply still works: " + retry.out() + retry.err());
            assertConsistent(install, cli, newTree, "2.0.0", step + " then apply");
        }
    }

    @Test
    void aCrashAtAnyStepFromTheCommitOnResumesToExactlyTheNewRelease() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        for (String step : AFTER_COMMIT) {
            Path install = installV1("after-" + step, cli);

            UpdaterProcess.Result crashed = applyV2(install, cli, Map.of(TestHooks.CRASH_AT, step));
            assertEquals(137, crashed.code(), step + ": " + crashed.out() + crashed.err());

            Cli.Run resumed = cli.run("resume", "--install-dir", install.toString(), "--json");
            assertEquals(0, resumed.code(), step + ": " + resumed.out() + resumed.err());
            assertConsistent(install, cli, newTree, "2.0.0", step);
            assertTrue(!Files.exists(install.resolve(".rmkit/backup")) || isEmpty(install.resolve(".rmkit/backup")),
                    "backups are gone after " + step);
        }
    }

    @Test
    void aCrashDuringTheRollbackIsRolledBackByTheNextResume() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("rollback", cli);
        assertEquals(137, applyV2(install, cli, Map.of(TestHooks.CRASH_AT, "install-2")).code());

        UpdaterProcess.Result half = UpdaterProcess.run(Map.of(TestHooks.CRASH_AT, "rollback-1"), env(cli), "resume",
                "--install-dir", install.toString());
        assertEquals(137, half.code(), half.out() + half.err());

        assertEquals(ExitCode.FAILED.code(), cli.run("resume", "--install-dir", install.toString()).code());
        assertConsistent(install, cli, oldTree, "1.0.0", "rollback-1");
    }

    /** An apply of v2 as a child process, paused at {@code step} once {@code pause} exists. */
    private UpdaterProcess pausedApply(Cli cli, Path install, String step, Path pause) throws Exception {
        UpdaterProcess p = UpdaterProcess.start(Map.of(TestHooks.PAUSE_AT, step, TestHooks.PAUSE_FILE, pause.toString()),
                env(cli), "apply", "--manifest", v2.toString(), "--install-dir", install.toString());
        JavaProcess.awaitFile(pause, Duration.ofSeconds(60));
        return p;
    }

    @Test
    void sigkillMidSwapThenTheNextApplyRecoversAndUpdates() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("sigkill", cli);
        Path pause = tmp.resolve("paused");
        UpdaterProcess p = pausedApply(cli, install, "install-1", pause);

        p.process().destroyForcibly(); // SIGKILL, while core.jar is already swapped and new.jar is not
        assertEquals(137, p.await().code());

        Cli.Run next = cli.run("apply", "--manifest", v2.toString(), "--install-dir", install.toString(), "--json");
        assertEquals(0, next.code(), next.out() + next.err());
        assertTrue(next.json().get("notes").toString().contains("rolled back first"), next.out());
        assertConsistent(install, cli, newTree, "2.0.0", "SIGKILL at install-1");
    }

    @Test
    void twoConcurrentAppliesOneProceedsTheOtherExitsBusy() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("concurrent", cli);
        Path pause = tmp.resolve("first-paused");
        UpdaterProcess first = pausedApply(cli, install, "staged", pause);

        UpdaterProcess.Result second = UpdaterProcess.run(Map.of(), env(cli), "apply", "--manifest", v2.toString(),
                "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.DEFERRED.code(), second.code(), second.out() + second.err());
        assertTrue(second.out().contains("another update is running (pid " + first.pid() + ")"), second.out());
        Files.delete(pause);
        UpdaterProcess.Result done = first.await();
        assertEquals(0, done.code(), done.out() + done.err());
        assertConsistent(install, cli, newTree, "2.0.0", "concurrent");
    }

    @Test
    void theDefaultSystemSideRegistersResumeAndRunsTheRebootCommand() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("reboot", cli);
        Path marker = tmp.resolve("reboot-ran");
        Map<String, String> env = new HashMap<>(env(cli));
        env.put("RMKIT_REBOOT_COMMAND", "echo yes > '" + marker + "'");
        Path m = feeds.publish("2.0.0-r", ApplyCommandTest.V2, "--reboot-required");

        UpdaterProcess.Result r = UpdaterProcess.run(Map.of(), env, "apply", "--manifest", m.toString(),
                "--install-dir", install.toString(), "--reboot", "if-needed");

        assertEquals(ExitCode.REBOOT_INITIATED.code(), r.code(), r.out() + r.err());
        assertEquals("yes", Files.readString(marker).strip());
        boolean root = "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
        Path registrations = root ? tmp.resolve("units") : tmp.resolve("xdg/autostart");
        try (var s = Files.list(registrations)) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().startsWith("rmkit-resume-updater-")), registrations.toString());
        }
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** A cooperating app holding lib/core.jar, ready; each start writes its pid, cwd and arguments to {@code started}. */
    private static JavaProcess holdingApp(Path install, Cli cli, Path started, Path workDir) throws Exception {
        JavaProcess app = JavaProcess.start(dev.rmkit.rm.testing.CooperatingTestApp.class,
                List.of("--hold", install.resolve("lib/core.jar").toString(), "--started", started.toString()),
                workDir, Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString())).awaitReady();
        Files.delete(started);
        return app;
    }

    /**
     * The closed app's restart is armed while it exits (a shell waiting on a pipe the updater holds): an
     * updater SIGKILLed after the close, before the restart, leaves that shell reading end of file, so
     * it exits and starts nothing; resume then starts the app from the journal, exactly once.
     */
    @Test
    void anAppClosedByAnUpdaterThatDiedIsStartedAgainByResume() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("app-back", cli);
        Path started = tmp.resolve("started.txt");
        Path workDir = Files.createDirectories(tmp.resolve("app work"));
        try (JavaProcess app = holdingApp(install, cli, started, workDir)) {
            UpdaterProcess p = pausedApply(cli, install, "install-1", tmp.resolve("paused-app"));
            assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent(), "the app was closed before the kill");
            ProcessHandle armed = ArmedShells.awaitOne(started.toString(), Duration.ofSeconds(30));

            p.process().destroyForcibly();
            assertEquals(137, p.await().code());
            try {
                JavaProcess.await(() -> !armed.isAlive(), Duration.ofSeconds(30), "the armed shell to leave with its updater");
                assertEquals(List.of(), ArmedShells.running(started.toString()), "nothing started by the dead updater");
                assertTrue(!Files.exists(started), "the app did not run again before resume");
            } finally {
                armed.destroyForcibly(); // what the shell became if it started the app after all: not leaked
            }

            Cli.Run resumed = cli.run("resume", "--install-dir", install.toString(), "--json");

            assertEquals(ExitCode.FAILED.code(), resumed.code(), resumed.out());
            assertEquals(1, resumed.json().get("appsRestarted").size(), resumed.out());
            long pid = resumed.json().get("appsRestarted").get(0).get("pid").asLong();
            try {
                JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30), "the app to start again");
                assertEquals(workDir.toRealPath(), Path.of(lines(started).get(1)).toRealPath());
                assertEquals(List.of(pid), ArmedShells.running(started.toString()), "started exactly once");
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            assertConsistent(install, cli, oldTree, "1.0.0", "install-1 with an app");
        }
    }

    /**
     * The PREPARED journal, naming the app, is written before the app is asked to close (JournalDrafts
     * .writePreparedNow): an updater killed right after it leaves the app running. Resume rolls back (nothing
     * was renamed) and must not start the app a second time: it is still the very process the journal names.
     */
    @Test
    void anUpdaterKilledBeforeItAskedTheAppToCloseLeavesItRunningAndResumeDoesNotStartItAgain() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("app-not-closed", cli);
        Path started = tmp.resolve("started-never.txt");
        Path workDir = Files.createDirectories(tmp.resolve("app work never closed"));
        try (JavaProcess app = holdingApp(install, cli, started, workDir)) {
            UpdaterProcess.Result crashed = applyV2(install, cli, Map.of(TestHooks.CRASH_AT, "journal-prepared-early"));
            assertEquals(137, crashed.code(), crashed.out() + crashed.err());
            assertTrue(Files.exists(install.resolve(".rmkit/journal.json")), "the journal was written before the close");
            assertTrue(app.process().isAlive(), "the app was not asked to close");

            Cli.Run resumed = cli.run("resume", "--install-dir", install.toString(), "--json");

            assertEquals(ExitCode.FAILED.code(), resumed.code(), resumed.out());
            assertEquals("ROLLED_BACK", resumed.json().get("outcome").asText(), resumed.out());
            assertEquals(0, resumed.json().get("appsRestarted").size(), "started a second time: " + resumed.out());
            assertTrue(resumed.out().contains("still runs"), resumed.out());
            assertTrue(app.process().isAlive(), "the app still runs");
            assertTrue(!Files.exists(started), "no second instance started: " + started);
            assertConsistent(install, cli, oldTree, "1.0.0", "journal-prepared-early");
        }
    }

    /**
     * The apps come back as soon as the swap's renames are done, before their fsyncs and the commit record:
     * an updater killed just after it started them leaves a PREPARED journal, the record that they were
     * started, and every rename done. Resume makes the renames durable and finishes the update without
     * starting them a second time, and a second resume finds nothing to do.
     */
    @Test
    void anUpdaterKilledAfterItRestartedTheAppsLeavesExactlyTheNewInstallAndTheAppRunningOnce() throws Exception {
        killedAfterTheRestart("apps-restarted", "committed");
    }

    /** As above, killed once the renames are durable, before the commit record. */
    @Test
    void anUpdaterKilledBeforeTheCommitRecordButAfterTheRestartLeavesTheAppRunningOnce() throws Exception {
        killedAfterTheRestart("swap-durable", "committed");
    }

    /** As above, killed once committed, before installed.json. */
    @Test
    void anUpdaterKilledAfterTheCommitThatFollowedTheRestartLeavesTheAppRunningOnce() throws Exception {
        killedAfterTheRestart("committed", "committed");
    }

    /** {@code pending}: what status says meanwhile (resume finishes the update in each case). */
    private void killedAfterTheRestart(String step, String pending) throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("app-restarted-" + step, cli);
        Path started = tmp.resolve("started-once-" + step + ".txt");
        Path workDir = Files.createDirectories(tmp.resolve("app work once " + step));
        try (JavaProcess app = holdingApp(install, cli, started, workDir)) {
            UpdaterProcess.Result crashed = applyV2(install, cli, Map.of(TestHooks.CRASH_AT, step));
            assertEquals(137, crashed.code(), crashed.out() + crashed.err());
            assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent(), "the app was closed before the crash");
            JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30),
                    "the app started again by the updater that then died");
            long pid = Long.parseLong(lines(started).get(0));
            try {
                var status = cli.run("status", "--install-dir", install.toString(), "--json").json();
                assertEquals(pending, status.get("pending").asText(), "pending after a crash at " + step);
                resumeLeavesTheAppRunningOnce(install, cli, started, pid, step);
                assertTrue(!Files.exists(install.resolve(".rmkit/apps-restarted")), "the record is gone with the journal");

                Cli.Run again = cli.run("resume", "--install-dir", install.toString(), "--json");
                assertEquals(0, again.code(), again.out());
                assertEquals("NOTHING_TO_RESUME", again.json().get("outcome").asText(), again.out());
                assertConsistent(install, cli, newTree, "2.0.0", step + ", resumed twice");
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** A resume finishes the update to exactly the new release without starting the app {@code pid} again. */
    private void resumeLeavesTheAppRunningOnce(Path install, Cli cli, Path started, long pid, String step) {
        Cli.Run resumed = cli.run("resume", "--install-dir", install.toString(), "--json");

        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertEquals(0, resumed.json().get("appsRestarted").size(), "started a second time: " + resumed.out());
        assertEquals(pid, Long.parseLong(lines(started).get(0)), "no second instance wrote its start");
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the restarted app still runs");
        assertConsistent(install, cli, newTree, "2.0.0", step);
    }

    /**
     * The record that the apps are back cannot be written (a link stands at its name, never written
     * through): the run still brings the app back, and a later resume must not start it a second time.
     */
    @Test
    void anAppsRestartedRecordThatCannotBeWrittenStillBringsTheAppBackExactlyOnce() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("record-refused", cli);
        Path elsewhere = Files.writeString(tmp.resolve("not-the-record.txt"), "someone else's");
        Files.createSymbolicLink(install.resolve(".rmkit/apps-restarted"), elsewhere);
        Path started = tmp.resolve("started-record.txt");
        Path workDir = Files.createDirectories(tmp.resolve("app work record"));
        try (JavaProcess app = holdingApp(install, cli, started, workDir)) {
            UpdaterProcess.Result applied = applyV2(install, cli, Map.of());
            assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent(), "the app was closed");
            JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30),
                    "the app started again by the apply");
            long pid = Long.parseLong(lines(started).get(0));
            try {
                assertEquals(0, applied.code(), applied.out() + applied.err());
                var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(applied.out());
                assertEquals(pid, report.get("appsRestarted").get(0).get("pid").asLong(), applied.out());

                resumeLeavesTheAppRunningOnce(install, cli, started, pid, "a record that could not be written");
                assertTrue(Files.isSymbolicLink(install.resolve(".rmkit/apps-restarted")), "the link stays");
                assertEquals("someone else's", Files.readString(elsewhere), "nothing written through the link");
            } finally {
                instances(started).forEach(ProcessHandle::destroyForcibly); // a second one too, if the test fails
            }
        }
    }

    /**
     * Neither the record nor the journal's rewrite can be made after the commit (a link at the record's
     * name, a directory where the journal's temporary file goes): starting the app would make the resume
     * that finishes the update start it a second time, so the run leaves it to that resume, and says so.
     */
    @Test
    void anUpdateThatCannotRecordTheAppsBackLeavesThemToResumeWhichStartsThemOnce() throws Exception {
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("nothing-recorded", cli);
        Files.createSymbolicLink(install.resolve(".rmkit/apps-restarted"), tmp.resolve("nowhere"));
        Path obstacle = Files.createDirectories(install.resolve(".rmkit/.journal.json.tmp"));
        Files.writeString(obstacle.resolve("keep"), "a directory where the journal's temporary file goes");
        Path started = tmp.resolve("started-unrecorded.txt");
        Path workDir = Files.createDirectories(tmp.resolve("app work unrecorded"));
        try (JavaProcess app = holdingApp(install, cli, started, workDir)) {
            try {
                UpdaterProcess.Result applied = applyV2(install, cli, Map.of());
                assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent(), "the app was closed");
                var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(applied.out());
                assertEquals(0, report.get("appsRestarted").size(), applied.out());
                assertTrue(report.get("appsNotRestarted").get(0).get("reason").asText().contains("updater resume"),
                        applied.out());
                Files.delete(obstacle.resolve("keep"));
                Files.delete(obstacle);

                Cli.Run resumed = cli.run("resume", "--install-dir", install.toString(), "--json");

                assertEquals(1, resumed.json().get("appsRestarted").size(), resumed.out());
                JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30),
                        "the app started by resume");
                assertEquals(1, instances(started).size(), "the app runs exactly once");
                assertConsistent(install, cli, newTree, "2.0.0", "a run that could record nothing");
            } finally {
                instances(started).forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** The running instances of the test app that logs its start to {@code started}. */
    private static List<ProcessHandle> instances(Path started) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(List::of).orElse(List.of())
                .contains(started.toString())).toList();
    }

    @Test
    void anotherUsersAppClosedByAnUpdaterThatDiedIsStartedAgainAsThatUser() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv");
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = installV1("app-nobody", cli);
        Path home = Unprivileged.ownedBy(tmp.resolve("nobody"), Unprivileged.NOBODY);
        Path workDir = Unprivileged.ownedBy(home.resolve("work"), Unprivileged.NOBODY);
        Unprivileged.traversable(install.resolve("lib"), tmp);
        Path started = home.resolve("started.txt");
        List<String> argv = Unprivileged.command(Unprivileged.NOBODY, Unprivileged.readableClassPath(tmp.resolve("cp")),
                dev.rmkit.rm.testing.CooperatingTestApp.class,
                List.of("--hold", install.resolve("lib/core.jar").toString(), "--started", started.toString()));
        try (JavaProcess app = JavaProcess.startCommand(argv, workDir,
                Map.of("RMKIT_RUNTIME_DIR", home.resolve("rt").toString())).awaitReady()) {
            Files.delete(started);

            assertEquals(137, applyV2(install, cli, Map.of(TestHooks.CRASH_AT, "install-1")).code());
            assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent(), "the app was closed before the crash");

            Cli.Run resumed = cli.run("resume", "--install-dir", install.toString(), "--json");

            assertEquals(1, resumed.json().get("appsRestarted").size(), resumed.out());
            long pid = resumed.json().get("appsRestarted").get(0).get("pid").asLong();
            try {
                JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30),
                        "the app to start again");
                assertEquals(Unprivileged.NOBODY, Files.getAttribute(started, "unix:uid"), "it runs as its own user");
                assertEquals(workDir.toRealPath(), Path.of(lines(started).get(1)).toRealPath());
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            assertConsistent(install, cli, oldTree, "1.0.0", "install-1 with another user's app");
        }
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
