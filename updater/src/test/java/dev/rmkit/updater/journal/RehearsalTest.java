package dev.rmkit.updater.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class RehearsalTest {

    @TempDir Path tmp;

    private SwapFixture fixture() throws Exception {
        return SwapFixture.create(tmp.resolve("app"), Map.of("a.txt", "A1", "user.txt", "user data"),
                Map.of("a.txt", "A2"), Set.of("a.txt"), List.of());
    }

    private static Map<String, String> everything(Path dir) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        ? new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1) : "dir");
            }
        }
        return out;
    }

    @Test
    void aRehearsalLeavesTheInstallAndItsStateExactlyAsTheyWere() throws Exception {
        SwapFixture f = fixture();
        Map<String, String> before = everything(f.layout().installDir());

        Rehearsal.run(f.layout(), Clock.systemUTC());

        assertEquals(before, everything(f.layout().installDir()));
        assertFalse(Files.exists(Rehearsal.dir(f.layout()), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLeftoverOfACrashedRehearsalIsRemoved() throws Exception {
        SwapFixture f = fixture();
        Files.createDirectories(Rehearsal.dir(f.layout()).resolve(".rmkit/staging/2"));
        Files.writeString(Rehearsal.dir(f.layout()).resolve(".rmkit/journal.json"), "{}");

        Rehearsal.run(f.layout(), Clock.systemUTC());

        assertFalse(Files.exists(Rehearsal.dir(f.layout()), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "creating symbolic links needs a privilege on Windows")
    void aLinkAtTheRehearsalsPlaceIsNeitherFollowedNorRemoved() throws Exception {
        SwapFixture f = fixture();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("f"), "someone else's");
        Files.createSymbolicLink(Rehearsal.dir(f.layout()), elsewhere);
        Map<String, String> outside = Trees.snapshot(elsewhere);

        Rehearsal.run(f.layout(), Clock.systemUTC());

        assertTrue(Files.isSymbolicLink(Rehearsal.dir(f.layout())), "the link stays");
        assertEquals(outside, Trees.snapshot(elsewhere), "nothing written through it");
        assertEquals(List.of("f"), List.of(elsewhere.toFile().list()));
    }

    @Test
    void theSwapsCrashPointsAreNotReachedByTheRehearsal() throws Exception {
        SwapFixture f = fixture();
        String before = System.getProperty(TestHooks.PAUSE_AT);
        Path pauseFile = Files.writeString(tmp.resolve("pause"), "");
        System.setProperty(TestHooks.PAUSE_AT, "journal-prepared");
        System.setProperty(TestHooks.PAUSE_FILE, pauseFile.toString());
        try {
            Thread rehearsal = new Thread(() -> Rehearsal.run(f.layout(), Clock.systemUTC()));
            rehearsal.start();
            rehearsal.join(Duration.ofSeconds(60).toMillis()); // a backstop: a paused rehearsal waits for the file

            boolean paused = rehearsal.isAlive();
            Files.deleteIfExists(pauseFile);
            rehearsal.join();
            assertFalse(paused, "the rehearsal paused at the swap's point journal-prepared");
        } finally {
            System.clearProperty(TestHooks.PAUSE_FILE);
            if (before == null) {
                System.clearProperty(TestHooks.PAUSE_AT);
            } else {
                System.setProperty(TestHooks.PAUSE_AT, before);
            }
        }
    }
}
