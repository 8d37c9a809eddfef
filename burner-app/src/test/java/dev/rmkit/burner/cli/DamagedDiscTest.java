package dev.rmkit.burner.cli;

import static dev.rmkit.burner.cli.BurnVerifiedByToolsTest.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.burner.testing.Cli;
import dev.rmkit.burner.testing.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged image or table of contents gives a clear error (exit 65) and is never written to. */
class DamagedDiscTest {

    @TempDir Path tmp;
    Path disc;
    Path more;
    long session2;

    @BeforeEach
    void twoSessions() throws IOException {
        disc = tmp.resolve("disc.iso");
        write(tmp.resolve("one/a.txt"), "first\n".getBytes());
        write(tmp.resolve("two/b.txt"), "second\n".getBytes());
        more = write(tmp.resolve("more.txt"), "more\n".getBytes()) != null ? tmp.resolve("more.txt") : null;
        assertEquals(0, Cli.burner("burn", "--disc", disc.toString(), tmp.resolve("one").toString()).exit());
        assertEquals(0, Cli.burner("burn", "--disc", disc.toString(), tmp.resolve("two").toString()).exit());
        session2 = new ObjectMapper().readTree(Cli.burner("info", "--disc", disc.toString(), "--json").out())
                .get("sessions").get(1).get("start").asLong();
    }

    @Test
    void bothHeaderCopiesDamagedIsRefused() throws IOException {
        poke(20, new byte[] {1, 2, 3});
        poke(16 * 1024 + 20, new byte[] {1, 2, 3});
        assertRefusedUnchanged("disc header", "is damaged (header checksum mismatch)");
    }

    @Test
    void tornNewestHeaderFallsBackToThePreviousGeneration() throws IOException {
        // generation 3 (two sessions) lives in slot 1; a torn write of it leaves generation 2 (one session)
        poke(16 * 1024 + 40, new byte[] {9, 9, 9, 9});
        Cli.Result info = Cli.burner("info", "--disc", disc.toString());
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains("sessions:  1"), info.out());
        Cli.Result r = Cli.burner("burn", "--disc", disc.toString(), more.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("dropped"), r.out());
        Tools.require("xorriso", "isovfy", "bsdtar");
        assertEquals(2, Tools.xorrisoToc(disc).size());
        assertTrue(Tools.run("isovfy", "-i", disc.toString()).out().contains("No errors found"));
        assertArrayEquals("more\n".getBytes(), Tools.bsdtarExtract(disc, "more.txt"));
    }

    @Test
    void missingSessionDescriptorIsADamagedTableOfContents() throws IOException {
        poke((session2 + 16) * 2048, new byte[6]);
        assertRefusedUnchanged("table of contents", "session 2 has no primary volume descriptor at block " + (session2 + 16));
    }

    @Test
    void truncatedImageIsRefused() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(disc.toFile(), "rw")) {
            f.setLength((session2 + 20) * 2048);
        }
        assertRefusedUnchanged("truncated", "table of contents ends at block");
    }

    @Test
    void damagedDirectoryRecordIsRefused() throws IOException {
        byte[] img = Files.readAllBytes(disc);
        int svd = (int) (session2 + 17) * 2048;
        long root = (img[svd + 158] & 0xff) | (img[svd + 159] & 0xff) << 8 | (img[svd + 160] & 0xff) << 16;
        int firstChild = (int) root * 2048 + 68;
        poke(firstChild + 2, new byte[] {0, 0, 0, 0x70});
        assertTrue(Cli.burner("info", "--disc", disc.toString()).out().contains("sessions:  2"),
                "the table of contents is intact; only the tree is damaged");
        byte[] before = Files.readAllBytes(disc);
        for (String cmd : new String[] {"ls", "burn"}) {
            Cli.Result r = Cli.burner(cmd, "--disc", disc.toString(), cmd.equals("burn") ? more.toString() : "-l");
            assertEquals(65, r.exit(), r.toString());
            assertTrue(r.err().contains("/one/ points at blocks") && r.err().contains("beyond the end of the disc"),
                    r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(disc));
    }

    @Test
    void aFileThatIsNotADiscIsRefused() throws IOException {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        Files.write(disc, noise);
        assertRefusedUnchanged("not a burner disc image", "no disc header");
    }

    private void assertRefusedUnchanged(String... expected) throws IOException {
        byte[] before = Files.readAllBytes(disc);
        for (String[] cmd : new String[][] {{"info", "--disc", disc.toString()},
                {"burn", "--disc", disc.toString(), more.toString()}}) {
            Cli.Result r = Cli.burner(cmd);
            assertEquals(65, r.exit(), r.toString());
            for (String e : expected) {
                assertTrue(r.err().contains(e), "'" + e + "' in " + r.err());
            }
        }
        assertArrayEquals(before, Files.readAllBytes(disc));
    }

    private void poke(long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(disc.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }
}
