package dev.rmkit.e2e.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.e2e.testing.Cmd;
import dev.rmkit.e2e.testing.Repo;
import dev.rmkit.e2e.testing.Story;
import dev.rmkit.e2e.testing.Tools;
import dev.rmkit.e2e.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code updater apply --force} in the middle of a burn: the burner's refusal is overridden, it stops
 * the burn before its commit, saves the job back at the head of its queue and exits 75; the files are
 * swapped; the updater starts burner 2.0 with {@code --restore}, which burns the job again. Every
 * earlier session stays readable, checked with xorriso, isoinfo and bsdtar.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the launchers are POSIX sh and the scenarios need the Linux backend")
class ForcedUpdateMidBurnIT {

    @TempDir Path tmp;
    Story story;

    @BeforeEach
    void setUp() throws Exception {
        Tools.require("xorriso", "isoinfo", "bsdtar");
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
    void aForcedUpdateMidBurnKeepsEarlierSessionsAndTheRestartedBurnerBurnsTheJobAgain() throws Exception {
        // Burns hold at 10% while this file exists (RMKIT_BURNER_TEST_HOLD): the second burn is certainly
        // running when the update forces the burner to close, and the restarted burner holds too until
        // the test lets it finish.
        Path hold = tmp.resolve("hold-burn");
        story.env("RMKIT_BURNER_TEST_HOLD", hold.toString());
        Process burner = story.startBurner("--speed", "2x");
        Path first = story.source("first.txt", 20_000);
        story.drop("first", "First", first);
        story.awaitLog("^job first: done, session 1 ", Duration.ofSeconds(30));
        Files.createFile(hold);
        Path photo = story.source("photo.jpg", 2_000_000);
        story.drop("photos", "Photos", photo);
        story.awaitLog("^job photos: burning session 2 ", Duration.ofSeconds(60));

        Cmd.Result r = story.updater("apply", "--manifest", story.manifest(), "--install-dir", story.install.toString(),
                "--force");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("closed: burner (pid " + burner.pid() + ")"), r.out());
        assertTrue(burner.waitFor(30, TimeUnit.SECONDS));
        assertEquals(75, burner.exitValue(), "exit 75: the burn was interrupted and the job kept");
        assertTrue(story.logLines().stream().anyMatch(l -> l.startsWith("job photos: stopped (")
                && l.endsWith("re-queued, earlier sessions intact")), story.logLines().toString());
        assertTrue(story.logLines().stream().noneMatch(l -> l.startsWith("job photos: done")),
                "the interrupted burn did not complete: " + story.logLines());
        Trees.assertInstallIs(tmp.resolve("release-2.0"), story.install);

        long restarted = story.pidOf("^burner 2\\.0, pid \\d+, restored from .*: queue \\[photos\\] \\(1 job\\), disc ");
        assertTrue(r.out().contains("restarted: burner (pid " + restarted + ")"), r.out());
        Files.delete(hold);
        story.awaitLog("^job photos: done, session 2 ", Duration.ofSeconds(60));
        assertTrue(Story.alive(restarted), "burner 2.0 keeps running after the job");

        List<String[]> toc = Tools.xorrisoToc(story.disc);
        assertEquals(2, toc.size(), "two sessions, the interrupted attempt left none");
        assertEquals("32", toc.get(0)[0]);
        assertArrayEquals(Files.readAllBytes(first), Tools.isoinfoExtract(story.disc, 32, "/first.txt"),
                "session 1 is intact");
        assertArrayEquals(Files.readAllBytes(photo), Tools.bsdtarExtract(story.disc, "photo.jpg"));
        assertArrayEquals(Files.readAllBytes(first), Tools.bsdtarExtract(story.disc, "first.txt"),
                "the newest session still shows the first job's file");
        JsonNode info = new ObjectMapper().readTree(Cmd.run(List.of(Repo.java().toString(), "-jar",
                story.install.resolve("burner.jar").toString(), "info", "--disc", story.disc.toString(), "--json"),
                tmp, Map.of()).requireExit(0).out());
        assertEquals("photos", info.get("sessions").get(1).get("jobId").asText());
    }
}
