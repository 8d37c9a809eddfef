package dev.rmkit.burner.cli;

import static dev.rmkit.burner.cli.BurnVerifiedByToolsTest.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rmkit.burner.testing.Cli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear message and an exit code, and the disc stays byte-for-byte as it was. */
class BadInputTest {

    @TempDir Path tmp;
    Path disc;
    Path good;

    @BeforeEach
    void discWithOneSession() throws IOException {
        disc = tmp.resolve("disc.iso");
        good = write(tmp.resolve("good.txt"), "good\n".getBytes()) != null ? tmp.resolve("good.txt") : null;
        assertEquals(0, Cli.burner("burn", "--disc", disc.toString(), good.toString()).exit());
    }

    @Test
    void missingSourceExits66AndChangesNothing() throws IOException {
        byte[] before = Files.readAllBytes(disc);
        Cli.Result r = Cli.burner("burn", "--disc", disc.toString(), good.toString(), tmp.resolve("nope.txt").toString());
        assertEquals(66, r.exit(), r.toString());
        assertTrue(r.err().contains("nope.txt") && r.err().contains("no such file"), r.err());
        assertArrayEquals(before, Files.readAllBytes(disc));
    }

    @Test
    void missingSourceCreatesNoDisc() {
        Path fresh = tmp.resolve("fresh.iso");
        assertEquals(66, Cli.burner("burn", "--disc", fresh.toString(), tmp.resolve("nope").toString()).exit());
        assertFalse(Files.exists(fresh));
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX file permissions")
    @Test
    void unreadableSourceExits66() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
        Path secret = write(tmp.resolve("secret.txt"), "x".getBytes()) != null ? tmp.resolve("secret.txt") : null;
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Cli.Result r = Cli.burner("burn", "--disc", disc.toString(), secret.toString());
        assertEquals(66, r.exit(), r.toString());
        assertTrue(r.err().contains("permission denied"), r.err());
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "':' and '?' cannot be in Windows file names")
    @Test
    void namesJolietCannotHoldExit65NamingTheFile() throws IOException {
        byte[] before = Files.readAllBytes(disc);
        for (String bad : new String[] {"colon:name.txt", "b".repeat(65) + ".txt", "emoji \uD83D\uDE00.txt", "what?.txt"}) {
            Path dir = tmp.resolve("set-" + Math.abs(bad.hashCode()));
            write(dir.resolve("fine.txt"), "ok".getBytes());
            write(dir.resolve(bad), "bad".getBytes());
            Cli.Result r = Cli.burner("burn", "--disc", disc.toString(), dir.toString());
            assertEquals(65, r.exit(), r.toString());
            assertTrue(r.err().contains(bad) && r.err().contains("rename it"), r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(disc));
    }

    @Test
    void discFullSaysWhatWasNeededAndWhatIsLeft() throws IOException {
        Path huge = tmp.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(349_192L * 2048);
        }
        Path blank = tmp.resolve("blank.iso");
        Cli.Result r = Cli.burner("burn", "--disc", blank.toString(), "--media", "cd-r", huge.toString());
        assertEquals(73, r.exit(), r.toString());
        assertTrue(r.err().contains("disc full: this session needs 703.1 MB (360001 sectors, including 21.0 MB session "
                + "overhead) but only 703.1 MB (360000 sectors) are left on the CD-R"), r.err());
        assertFalse(Files.exists(blank));

        byte[] before = Files.readAllBytes(disc);
        r = Cli.burner("burn", "--disc", disc.toString(), huge.toString());
        assertEquals(73, r.exit(), r.toString());
        assertTrue(r.err().contains("disc full") && r.err().contains("11.0 MB session overhead"), r.err());
        assertArrayEquals(before, Files.readAllBytes(disc));
    }

    @Test
    void closedDiscRefusesANewSession() throws IOException {
        Path closed = tmp.resolve("closed.iso");
        assertEquals(0, Cli.burner("burn", "--disc", closed.toString(), "--close", good.toString()).exit());
        assertTrue(Cli.burner("info", "--disc", closed.toString()).out().contains("state:     closed"));
        byte[] before = Files.readAllBytes(closed);
        Cli.Result r = Cli.burner("burn", "--disc", closed.toString(), good.toString());
        assertEquals(73, r.exit(), r.toString());
        assertTrue(r.err().contains("is closed"), r.err());
        assertArrayEquals(before, Files.readAllBytes(closed));
    }

    @Test
    void onlyRewritableMediaCanBeErased() throws IOException {
        byte[] before = Files.readAllBytes(disc);
        Cli.Result r = Cli.burner("erase", "--disc", disc.toString());
        assertEquals(73, r.exit(), r.toString());
        assertTrue(r.err().contains("cannot be erased"), r.err());
        assertArrayEquals(before, Files.readAllBytes(disc));

        Path rw = tmp.resolve("rw.iso");
        assertEquals(0, Cli.burner("burn", "--disc", rw.toString(), "--media", "cd-rw", "--close", good.toString()).exit());
        String idBefore = Cli.burner("info", "--disc", rw.toString(), "--json").out();
        assertEquals(0, Cli.burner("erase", "--disc", rw.toString()).exit());
        String after = Cli.burner("info", "--disc", rw.toString(), "--json").out();
        assertTrue(after.contains("\"closed\" : false") && after.contains("\"sessions\" : [ ]"), after);
        assertFalse(after.contains(idBefore.substring(idBefore.indexOf("discId"), idBefore.indexOf("discId") + 50)));
        assertEquals(0, Cli.burner("burn", "--disc", rw.toString(), good.toString()).exit());
    }

    @Test
    void wrongDiscIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(disc);
        Cli.Result r = Cli.burner("burn", "--disc", disc.toString(), "--expect-disc",
                "00000000-0000-0000-0000-000000000001", good.toString());
        assertEquals(73, r.exit(), r.toString());
        assertTrue(r.err().contains("wrong disc"), r.err());
        assertArrayEquals(before, Files.readAllBytes(disc));
    }

    @Test
    void wrongMediaIsRefused() {
        Cli.Result r = Cli.burner("burn", "--disc", disc.toString(), "--media", "dvd-r", good.toString());
        assertEquals(73, r.exit(), r.toString());
        assertTrue(r.err().contains("is a CD-R, not a DVD-R"), r.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, Cli.burner("burn", "--disc", disc.toString(), "--speed", "fast", good.toString()).exit());
        assertEquals(2, Cli.burner("burn", "--disc", disc.toString(), "--media", "floppy", good.toString()).exit());
        assertEquals(2, Cli.burner("burn", "--disc", disc.toString(), "--speed", "53x", good.toString()).exit());
        assertEquals(2, Cli.burner("burn", "--disc", disc.toString()).exit());
        assertEquals(2, Cli.burner("ls", "--disc", disc.toString(), "--session", "7").exit());
    }
}
