package dev.rmkit.e2e.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.e2e.testing.Cmd;
import dev.rmkit.e2e.testing.Story;
import dev.rmkit.e2e.testing.Tools;
import dev.rmkit.e2e.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update without {@code --wait} while the burner burns: the burner refuses, the update is deferred
 * (exit 75) with its reason, and nothing changes: not the install, not the burner, not the burn.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the launchers are POSIX sh and the scenarios need the Linux backend")
class DeferredDuringBurnIT {

    @TempDir Path tmp;
    Story story;

    @BeforeEach
    void setUp() throws Exception {
        Tools.require("xorriso", "bsdtar");
        story = Story.withBurner10Installed(tmp);
        story.publish("2.0");
    }

    @AfterEach
    void tearDown() {
        if (story != null) {
            story.close();
        }
    }

    @Test
    void anUpdateDuringABurnIsDeferredAndTheBurnerAndItsBurnAreUntouched() throws Exception {
        // The burn holds at 10% until the test deletes this file (RMKIT_BURNER_TEST_HOLD): it is certainly
        // still running when the updater asks, however slow or fast the machine is.
        Path hold = Files.createFile(tmp.resolve("hold-burn"));
        story.env("RMKIT_BURNER_TEST_HOLD", hold.toString());
        Process burner = story.startBurner("--speed", "2x");
        Path photo = story.source("photo.jpg", 1_500_000);
        story.drop("photos", "Photos", photo);
        story.awaitOutput(0, "^progress [1-9]\\d*% ", Duration.ofSeconds(60));

        Cmd.Result r = story.updater("apply", "--manifest", story.manifest(), "--install-dir", story.install.toString());

        assertEquals(75, r.exit(), r.toString());
        assertTrue(r.out().matches("(?s)deferred: 1\\.0 -> 2\\.0 \\(exit 75\\).*refused: burner \\(pid " + burner.pid()
                + "\\) - Burning session 1 of 'Photos' \u2014 \\d+%.*"), r.out());
        Trees.assertInstallIs(tmp.resolve("release-1.0"), story.install);
        assertTrue(story.updater("status", "--install-dir", story.install.toString()).requireExit(0).out()
                .contains("demo-burner 1.0 "), "status still says 1.0");
        assertTrue(burner.isAlive(), "the refusing burner keeps running");
        assertTrue(story.logLines().stream().noneMatch(l -> l.startsWith("end of session")),
                "the burner was never told to end: " + story.logLines());

        Files.delete(hold);
        story.awaitLog("^job photos: done, session 1 ", Duration.ofSeconds(60));
        assertTrue(burner.isAlive(), "the same burner finished the job");
        assertEquals(List.of("32"), Tools.xorrisoToc(story.disc).stream().map(t -> t[0]).toList());
        assertArrayEquals(Files.readAllBytes(photo), Tools.bsdtarExtract(story.disc, "photo.jpg"));
        assertEquals(1, story.logLines().stream().filter(l -> l.startsWith("burner ")).count(),
                "one burner, never restarted: " + story.logLines());
    }
}
