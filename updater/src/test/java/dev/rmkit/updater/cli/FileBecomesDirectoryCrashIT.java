package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.updater.journal.TestHooks;
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
 * A release that turns the managed file {@code plugins} into a directory, crashed at every step of
 * its swap and then resumed: exactly the old tree (the file, byte for byte) before the commit record,
 * exactly the new one from it on.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class FileBecomesDirectoryCrashIT {

    /** Steps: a.txt replaced (0), plugins removed (1), plugins/p.jar added (2) into the directory made for it. */
    static final Map<String, String> V1 = Map.of("a.txt", "A1", "plugins", "the managed plugin list");
    static final Map<String, String> V2 = Map.of("a.txt", "A2", "plugins/p.jar", "P");
    static final List<String> BEFORE_COMMIT = List.of("journal-prepared", "backup-0", "install-0", "backup-1",
            "install-2", "swapped");
    static final List<String> AFTER_COMMIT = List.of("committed", "installed-written", "backups-deleted",
            "staging-deleted");

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path v1;
    Path v2;

    @BeforeEach
    void setUp() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        v1 = feeds.publish("1.0.0", V1);
        v2 = feeds.publish("2.0.0", V2);
    }

    private Map<String, String> tree(String name, Map<String, String> release) {
        Map<String, String> files = new HashMap<>(release);
        files.put("notes.txt", "user data");
        return feeds.tree(name, files);
    }

    private Path installV1(String name) throws Exception {
        Path install = tmp.resolve(name);
        assertEquals(0, cli.run("apply", "--manifest", v1.toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString()).code());
        Files.writeString(install.resolve("notes.txt"), "user data");
        return install;
    }

    private void crashThenResume(Path install, String step, Map<String, String> expected) throws Exception {
        UpdaterProcess.Result crashed = UpdaterProcess.run(Map.of(TestHooks.CRASH_AT, step),
                Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString()), "apply", "--manifest", v2.toString(),
                "--install-dir", install.toString());
        assertEquals(137, crashed.code(), step + ": " + crashed.out() + crashed.err());
        Cli.Run resumed = cli.run("resume", "--install-dir", install.toString());
        assertEquals(expected, Trees.snapshot(install), "after a crash at " + step + ": " + resumed.out());
    }

    @Test
    void aCrashAtAnyStepEndsExactlyOldOrExactlyNew() throws Exception {
        for (String step : BEFORE_COMMIT) {
            Path install = installV1("before-" + step);
            crashThenResume(install, step, tree("old", V1));
            assertEquals("the managed plugin list", Files.readString(install.resolve("plugins")));
        }
        for (String step : AFTER_COMMIT) {
            crashThenResume(installV1("after-" + step), step, tree("new", V2));
        }
    }

    @Test
    void aCrashDuringTheRollbackAfterTheDirectoryWasMadeEndsExactlyOld() throws Exception {
        Path install = installV1("rollback");
        assertEquals(137, UpdaterProcess.run(Map.of(TestHooks.CRASH_AT, "swapped"), Map.of(), "apply", "--manifest",
                v2.toString(), "--install-dir", install.toString()).code());

        // rollback-1 comes after the directory went and the file came back, rollback-2 before.
        for (String step : List.of("rollback-2", "rollback-1")) {
            assertEquals(137, UpdaterProcess.run(Map.of(TestHooks.CRASH_AT, step), Map.of(), "resume",
                    "--install-dir", install.toString()).code(), step);
        }
        cli.run("resume", "--install-dir", install.toString());

        assertEquals(tree("old", V1), Trees.snapshot(install));
    }
}
