package dev.rmkit.e2e.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.e2e.testing.Cmd;
import dev.rmkit.e2e.testing.ResumeRegistration;
import dev.rmkit.e2e.testing.Story;
import dev.rmkit.e2e.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reboot-required path on Linux with the real apps: a release that needs a reboot is staged, the
 * burner is asked before the reboot (like Windows' {@code SHUTDOWN_RESTARTAPPS}) and saves its state,
 * the reboot command runs (here it only writes a file: {@code RMKIT_REBOOT_COMMAND}), and what the
 * boot registration says to run then installs 2.0 first and brings the burner back, once, with its
 * state. The boot is simulated by changing {@code RMKIT_BOOT_ID}, the one thing a reboot changes that
 * the updater looks at.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the launchers are POSIX sh and the scenarios need the Linux backend")
class RebootRestartsBurnerIT {

    @TempDir Path tmp;
    Story story;
    Path rebooted;

    @BeforeEach
    void setUp() throws Exception {
        story = Story.withBurner10Installed(tmp);
        story.publish("2.0", "--reboot-required");
        rebooted = tmp.resolve("rebooted");
        story.env("RMKIT_BOOT_ID", "boot-1");
        story.env("RMKIT_REBOOT_COMMAND", "echo rebooted > '" + rebooted + "'");
    }

    @AfterEach
    void tearDown() {
        if (story != null) {
            story.close();
        }
    }

    @Test
    void theBurnerSavesItsStateForTheRebootAndComesBackOnceAsVersion20() throws Exception {
        Process burner = story.startBurner("--speed", "4x");
        story.drop("first", "First", story.source("first.txt", 10_000));
        story.awaitLog("^job first: done, session 1 ", Duration.ofSeconds(30));
        String discId = new ObjectMapper().readTree(story.inbox.resolve(".burner-state.json").toFile()).get("discId").asText();

        Cmd.Result r = story.updater("apply", "--manifest", story.manifest(), "--install-dir", story.install.toString(),
                "--reboot", "if-needed");

        assertEquals(101, r.exit(), r.toString());
        assertTrue(burner.waitFor(30, TimeUnit.SECONDS), "the burner ended its session for the reboot");
        assertEquals(0, burner.exitValue());
        assertTrue(story.logLines().contains("end-session query []: allowed (idle)"), story.logLines().toString());
        assertEquals("rebooted", Files.readString(rebooted).strip());
        Trees.assertInstallIs(tmp.resolve("release-1.0"), story.install);
        assertEquals(100, story.updater("resume", "--install-dir", story.install.toString()).exit(),
                "in the same boot the update still waits");
        List<Path> registered = ResumeRegistration.all(story);
        assertEquals(1, registered.size(), "one after-boot runner: " + registered);

        Map<String, String> nextBoot = new HashMap<>(story.env());
        nextBoot.put("RMKIT_BOOT_ID", "boot-2");
        Cmd.Result boot = Cmd.run(ResumeRegistration.argv(registered.get(0)), tmp, nextBoot);

        assertEquals(0, boot.exit(), boot.toString());
        Trees.assertInstallIs(tmp.resolve("release-2.0"), story.install);
        long back = story.pidOf("^burner 2\\.0, pid \\d+, restored from .*: queue empty, disc " + discId + ", speed 4x$");
        story.awaitLog("^ready: pid " + back + ",", Duration.ofSeconds(30));
        assertEquals(List.of(), ResumeRegistration.all(story), "the runner removed its registration");
        story.drop("second", "Second", story.source("second.txt", 10_000));
        story.awaitLog("^job second: done, session 2 ", Duration.ofSeconds(30));

        Cmd.Result again = story.updater("resume", "--install-dir", story.install.toString());
        assertEquals(0, again.exit(), again.toString());
        assertEquals(1, story.logLines().stream().filter(l -> l.startsWith("burner 2.0, pid ")).count(),
                "started exactly once: " + story.logLines());
        assertTrue(Story.alive(back));
    }

    @Test
    void aBurningBurnerRefusesTheRebootAndTheUpdateStaysPending() throws Exception {
        // The burn holds at 10% until the test deletes this file: it is certainly running when asked.
        Path hold = Files.createFile(tmp.resolve("hold-burn"));
        story.env("RMKIT_BURNER_TEST_HOLD", hold.toString());
        Process burner = story.startBurner("--speed", "2x");
        story.drop("photos", "Photos", story.source("photo.jpg", 1_500_000));
        story.awaitOutput(0, "^progress [1-9]\\d*% ", Duration.ofSeconds(60));

        Cmd.Result r = story.updater("apply", "--manifest", story.manifest(), "--install-dir", story.install.toString(),
                "--reboot", "if-needed");

        assertEquals(100, r.exit(), r.toString());
        assertTrue(r.out().matches("(?s).*burner \\(pid " + burner.pid() + "\\): Burning session 1 of 'Photos' \u2014 \\d+%.*"),
                r.out());
        assertFalse(Files.exists(rebooted), "no reboot while the burner refuses");
        assertTrue(burner.isAlive());
        Trees.assertInstallIs(tmp.resolve("release-1.0"), story.install);
        assertTrue(story.updater("status", "--install-dir", story.install.toString()).requireExit(0).out()
                .contains("pending: reboot"));
        Files.delete(hold);
        story.awaitLog("^job photos: done, session 1 ", Duration.ofSeconds(60));
        assertTrue(burner.isAlive(), "the burn finished undisturbed");
    }
}
