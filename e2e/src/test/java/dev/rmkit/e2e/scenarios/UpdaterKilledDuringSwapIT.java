package dev.rmkit.e2e.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.e2e.testing.Cmd;
import dev.rmkit.e2e.testing.Story;
import dev.rmkit.e2e.testing.Trees;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The updater is SIGKILLed in the middle of the swap, after it closed the burner: at {@code backup-0}
 * the old {@code burner.jar} is in the backup and none is installed; at {@code apps-restarted} every
 * rename is done and the burner was started on the new files, before the renames' fsyncs and the commit
 * record; at {@code committed} nothing after the commit record is done. {@code updater resume} then
 * leaves the install exactly old (killed before the burner's launch: rolled back, exit 70, and the burner
 * it had closed started again from the journal, with its state) or exactly new (rolled forward, exit 0,
 * the burner running). The pause is the updater's only test seam ({@code
 * rmkit.test.pauseAt}): it stops at a named step and waits, so the kill lands exactly there.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the launchers are POSIX sh and the scenarios need the Linux backend")
class UpdaterKilledDuringSwapIT {

    @TempDir Path tmp;
    Story story;

    @BeforeEach
    void setUp() throws Exception {
        story = Story.withBurner10Installed(tmp);
        story.publish("2.0");
    }

    @AfterEach
    void tearDown() {
        if (story != null) {
            story.close();
        }
    }

    /**
     * Killed mid-swap (the burner down), after the burner was started on the new files but before the
     * commit record, and after the commit: resume leaves one whole release and the burner running once.
     */
    @ParameterizedTest(name = "killed at {0}: status says {3}, resume exits {1}, install is {2}")
    @CsvSource({"backup-0, 70, 1.0, interrupted", "apps-restarted, 0, 2.0, committed", "committed, 0, 2.0, committed"})
    void resumeAfterAKilledSwapLeavesOneWholeReleaseAndBringsTheBurnerBack(String step, int resumeExit, String version,
            String pending) throws Exception {
        Process burner = story.startBurner("--speed", "max");
        story.drop("first", "First", story.source("first.txt", 10_000));
        story.awaitLog("^job first: done, session 1 ", Duration.ofSeconds(30));
        Path pause = tmp.resolve("paused");

        Process updater = story.updaterInBackground("-Drmkit.test.pauseAt=" + step + " -Drmkit.test.pauseFile=" + pause,
                "apply", "--manifest", story.manifest(), "--install-dir", story.install.toString());
        JavaProcess.await(() -> Files.exists(pause) && pause.toFile().length() > 0, Duration.ofSeconds(60),
                "the updater to pause at " + step);
        if (step.startsWith("backup")) {
            assertTrue(Files.notExists(story.install.resolve("burner.jar")), "killed with no burner.jar installed");
        }
        assertEquals(Long.toString(updater.pid()), Files.readString(pause).strip(), "bin/updater execs the JVM");
        updater.destroyForcibly();
        assertTrue(updater.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, updater.exitValue(), "SIGKILL");
        assertTrue(burner.waitFor(10, TimeUnit.SECONDS), "the updater had closed the burner");
        assertEquals(0, burner.exitValue());
        assertTrue(Files.exists(story.install.resolve(".rmkit/journal.json")), "the swap is unfinished");
        assertTrue(story.updater("status", "--install-dir", story.install.toString()).requireExit(0).out()
                .contains("pending: " + pending));

        Cmd.Result r = story.updater("resume", "--install-dir", story.install.toString());

        assertEquals(resumeExit, r.exit(), r.toString());
        Trees.assertInstallIs(tmp.resolve("release-" + version), story.install);
        assertTrue(Files.notExists(story.install.resolve(".rmkit/journal.json")));
        assertTrue(story.updater("status", "--install-dir", story.install.toString()).requireExit(0).out()
                .matches("(?s)demo-burner " + version.replace(".", "\\.") + " .*pending: none.*"));
        long back = story.pidOf("^burner " + version.replace(".", "\\.") + ", pid \\d+, restored from .*: queue empty, disc ");
        story.awaitLog("^ready: pid " + back + ",", Duration.ofSeconds(30));
        assertTrue(Story.alive(back), "the burner the dead updater had closed runs again (started by resume, or by"
                + " the updater itself before it died)");

        story.drop("second", "Second", story.source("second.txt", 10_000));
        story.awaitLog("^job second: done, session 2 ", Duration.ofSeconds(30));
    }
}
