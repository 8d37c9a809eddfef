package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.schedule.Scheduling;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real updater killed at every step of a rollback and of an uninstall, then {@code resume}: like an
 * update, the install is byte for byte what it was before the commit point and what the command makes
 * of it from there on, never a mix; user files stay throughout.
 */
@EnabledOnOs(OS.LINUX)
class LifecycleCrashIT {

    /** Rollback 2.0 → 1.0: conf/old.conf comes back (step 0), lib/core.jar is replaced (1), lib/new.jar goes (2). */
    static final List<String> ROLLBACK_BEFORE_COMMIT = List.of("journal-prepared", "install-0", "backup-1", "install-1",
            "backup-2", "swapped");
    /** Uninstall of 2.0: bin/burner (step 0), lib/core.jar (1), lib/new.jar (2) are removed. */
    static final List<String> UNINSTALL_BEFORE_COMMIT = List.of("journal-prepared", "backup-0", "backup-1", "backup-2",
            "swapped");
    static final List<String> AFTER_COMMIT = List.of("committed", "installed-written", "backups-deleted",
            "staging-deleted");

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path v1;
    Path v2;
    Map<String, String> oldTree;
    Map<String, String> newTree;

    @BeforeEach
    void feeds() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        v1 = feeds.publish("1.0.0", ApplyCommandTest.V1);
        v2 = feeds.publish("2.0.0", ApplyCommandTest.V2);
        oldTree = withNotes("old", ApplyCommandTest.V1);
        newTree = withNotes("new", ApplyCommandTest.V2);
    }

    private Map<String, String> withNotes(String name, Map<String, String> release) {
        Map<String, String> t = new HashMap<>(release);
        t.put("notes.txt", "user data");
        return feeds.tree(name, t);
    }

    /** 1.0 then 2.0 (which keeps 1.0), with a user file, in its own directory. */
    private Path installV2(String name) throws Exception {
        Path install = tmp.resolve(name);
        assertEquals(0, cli.run("apply", "--manifest", v1.toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString()).code());
        Files.writeString(install.resolve("notes.txt"), "user data");
        assertEquals(0, cli.run("apply", "--manifest", v2.toString(), "--install-dir", install.toString()).code());
        return install;
    }

    private Map<String, String> env() {
        return Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString());
    }

    private void crash(String step, String... args) throws Exception {
        UpdaterProcess.Result crashed = UpdaterProcess.run(Map.of(TestHooks.CRASH_AT, step), env(), args);
        assertEquals(137, crashed.code(), step + ": " + crashed.out() + crashed.err());
    }

    private String resume(Path install, String step) throws Exception {
        UpdaterProcess.Result r = UpdaterProcess.run(Map.of(), env(), "resume", "--install-dir", install.toString(),
                "--json");
        return r.code() + " " + r.out() + r.err() + " (after a crash at " + step + ")";
    }

    private String version(Path install) {
        return cli.run("status", "--install-dir", install.toString(), "--json").json().get("version").asText();
    }

    @Test
    void aRollbackCutShortAnywhereResumesToExactlyOneOfTheTwoReleases() throws Exception {
        for (String step : ROLLBACK_BEFORE_COMMIT) {
            Path install = installV2("rb-before-" + step);
            crash(step, "rollback", "--install-dir", install.toString());

            String resumed = resume(install, step);

            assertEquals(ExitCode.FAILED.code() + "", resumed.split(" ")[0], resumed);
            assertEquals(newTree, Trees.snapshot(install), step);
            assertEquals("2.0.0", version(install), step);
            assertEquals(0, cli.run("rollback", "--install-dir", install.toString()).code(),
                    "the kept release is still there after " + step);
            assertEquals(oldTree, Trees.snapshot(install), step + " then rollback");
        }
        for (String step : AFTER_COMMIT) {
            Path install = installV2("rb-after-" + step);
            crash(step, "rollback", "--install-dir", install.toString());

            String resumed = resume(install, step);

            assertEquals("0", resumed.split(" ")[0], resumed);
            assertEquals(oldTree, Trees.snapshot(install), step);
            assertEquals("1.0.0", version(install), step);
            assertFalse(Files.exists(install.resolve(".rmkit/releases"))
                    && Files.list(install.resolve(".rmkit/releases")).findAny().isPresent(), "used up after " + step);
            assertEquals(ExitCode.REJECTED.code(), cli.run("apply", "--manifest", feeds.publish("1.5.0-" + step.length(),
                    ApplyCommandTest.V2).toString(), "--install-dir", install.toString()).code(),
                    "it went back on purpose: an older manifest is still refused after " + step);
        }
    }

    @Test
    void anUninstallCutShortAnywhereIsUndoneOrFinishedByResume() throws Exception {
        for (String step : UNINSTALL_BEFORE_COMMIT) {
            Path install = installV2("un-before-" + step);
            crash(step, "uninstall", "--install-dir", install.toString());

            String resumed = resume(install, step);

            assertEquals(ExitCode.FAILED.code() + "", resumed.split(" ")[0], resumed);
            assertEquals(newTree, Trees.snapshot(install), step);
            assertEquals("2.0.0", version(install), step);
        }
        List<String> after = new java.util.ArrayList<>(AFTER_COMMIT);
        after.add("state-removed");
        for (String step : after) {
            Path install = installV2("un-after-" + step);
            crash(step, "uninstall", "--install-dir", install.toString());

            String resumed = resume(install, step);

            assertEquals("0", resumed.split(" ")[0], resumed);
            assertEquals(feeds.tree("user-only-" + step, Map.of("notes.txt", "user data")), Trees.snapshot(install), step);
            assertFalse(Files.exists(install.resolve(".rmkit")), "no state is left after " + step);
        }
    }

    /**
     * The install's schedule goes with it: after the commit (and before the state, so that a crash between
     * is finished by resume); a crash before the commit keeps both, the install and its schedule.
     */
    @Test
    void anUninstallCutShortKeepsTheScheduleWithTheInstallOrResumeRemovesItWithTheFiles() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"" + v2 + "\"}");
        Map<String, String> env = new HashMap<>(env());
        env.putAll(cli.schedulerEnv());
        for (String step : List.of("swapped", "committed", "installed-written", "staging-deleted", "state-removed")) {
            Path install = installV2("sched-" + step);
            assertEquals(0, cli.run("schedule", "install", "--install-dir", install.toString(), "--policy",
                    policy.toString()).code());
            Path timer = cli.units().resolve(Scheduling.name(new InstallLayout(install)) + ".timer");
            UpdaterProcess.Result crashed = UpdaterProcess.run(Map.of(TestHooks.CRASH_AT, step), env, "uninstall",
                    "--install-dir", install.toString());
            assertEquals(137, crashed.code(), step + ": " + crashed.out() + crashed.err());
            // It goes right after the commit, with the apps' restart, before installed.json is deleted.
            assertEquals(List.of("swapped", "committed").contains(step), Files.exists(timer),
                    "the schedule goes after the commit, before the backups and the state: " + step);

            UpdaterProcess.Result resumed = UpdaterProcess.run(Map.of(), env, "resume", "--install-dir", install.toString());

            if (step.equals("swapped")) {
                assertEquals(newTree, Trees.snapshot(install), step);
                assertTrue(Files.exists(timer), "an uninstall undone keeps its schedule: " + resumed.out());
            } else {
                assertEquals(0, resumed.code(), step + ": " + resumed.out() + resumed.err());
                assertFalse(Files.exists(install.resolve(".rmkit")), step);
                assertFalse(Files.exists(timer), "no schedule outlives the install after a crash at " + step + ": "
                        + resumed.out());
            }
        }
    }
}
