package dev.rmkit.burner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.testing.Cli;
import dev.rmkit.burner.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images written by {@code burner burn}, checked by tools nobody here wrote: xorriso, isoinfo, isovfy, bsdtar. */
class BurnVerifiedByToolsTest {

    @TempDir Path tmp;
    Path disc;

    @BeforeEach
    void tools() {
        Tools.require("xorriso", "isoinfo", "isovfy", "bsdtar");
        disc = tmp.resolve("disc.iso");
    }

    @Test
    void oneSessionIsReadByEveryVerifier() throws IOException {
        Path photos = tmp.resolve("src/Photos");
        byte[] big = write(photos.resolve("2024/big.bin"), random(300_000, 1));
        byte[] small = write(photos.resolve("readme.txt"), "hello disc\n".getBytes());
        write(photos.resolve("empty.dat"), new byte[0]);

        burn("--label", "Photos", photos.toString());

        List<String[]> toc = Tools.xorrisoToc(disc);
        assertEquals(1, toc.size());
        assertEquals("32", toc.get(0)[0]);
        assertEquals("PHOTOS", toc.get(0)[2]);
        String d = Tools.run("isoinfo", "-d", "-i", disc.toString()).out();
        assertTrue(d.contains("Joliet with UCS level 3 found"), d);
        assertTrue(d.contains("Volume id: PHOTOS"), d);
        assertEquals(List.of("/Photos/2024/big.bin", "/Photos/empty.dat", "/Photos/readme.txt"),
                Tools.isoinfoJolietFiles(disc, 32));
        assertIsovfyClean();
        assertArrayEquals(big, Tools.bsdtarExtract(disc, "Photos/2024/big.bin"));
        assertArrayEquals(small, Tools.bsdtarExtract(disc, "Photos/readme.txt"));
        assertEquals(0, Tools.bsdtarExtract(disc, "Photos/empty.dat").length);
    }

    @Test
    void secondSessionReferencesOldFilesAndPlainReadersSeeIt() throws IOException {
        Path src = tmp.resolve("src/docs");
        byte[] big = write(src.resolve("big.bin"), random(400_000, 2));
        byte[] v1 = write(src.resolve("notes.txt"), "version one\n".getBytes());
        burn("--label", "S1", src.toString());
        byte[] v2 = write(src.resolve("notes.txt"), "version two, longer\n".getBytes());
        byte[] added = write(src.resolve("added.txt"), "new in session 2\n".getBytes());
        burn("--label", "S2", src.toString());

        List<String[]> toc = Tools.xorrisoToc(disc);
        assertEquals(2, toc.size());
        assertEquals("32", toc.get(0)[0]);
        long s2 = Long.parseLong(toc.get(1)[0]);
        assertEquals(0, s2 % 32);
        assertTrue(s2 >= 32 + Long.parseLong(toc.get(0)[1]));
        assertTrue(Long.parseLong(toc.get(1)[1]) < 400_000 / 2048, "the unchanged big file was not copied again");
        assertEquals(List.of("/docs/big.bin", "/docs/notes.txt"), Tools.isoinfoJolietFiles(disc, 32));
        assertEquals(List.of("/docs/added.txt", "/docs/big.bin", "/docs/notes.txt"), Tools.isoinfoJolietFiles(disc, s2));
        assertArrayEquals(v2, Tools.bsdtarExtract(disc, "docs/notes.txt"));
        assertArrayEquals(added, Tools.bsdtarExtract(disc, "docs/added.txt"));
        assertArrayEquals(big, Tools.bsdtarExtract(disc, "docs/big.bin"));
        assertArrayEquals(v1, isoinfoExtract(32, "/docs/notes.txt"));
        assertIsovfyClean();
    }

    @Test
    void fiveSessionsEachStayReadableAtTheirStart() throws IOException {
        List<String> expected = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            byte[] c = write(tmp.resolve("src/file" + i + ".txt"), random(3000 * i, i));
            contents.add(c);
            expected.add("/file" + i + ".txt");
            burn("--label", "Round " + i, tmp.resolve("src/file" + i + ".txt").toString());
        }
        List<String[]> toc = Tools.xorrisoToc(disc);
        assertEquals(5, toc.size());
        for (int i = 0; i < 5; i++) {
            long start = Long.parseLong(toc.get(i)[0]);
            assertEquals("ROUND_" + (i + 1), toc.get(i)[2]);
            assertEquals(expected.subList(0, i + 1), Tools.isoinfoJolietFiles(disc, start));
            Tools.Run x = Tools.run("xorriso", "-load", "sbsector", Long.toString(start), "-indev", "stdio:" + disc,
                    "-find", "/", "-type", "f");
            assertEquals(i + 1, x.lines().stream().filter(l -> l.startsWith("'/file")).count(), x.out());
            assertArrayEquals(contents.get(i), isoinfoExtract(start, "/file" + (i + 1) + ".txt"));
        }
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(contents.get(i), Tools.bsdtarExtract(disc, "file" + (i + 1) + ".txt"));
        }
        assertIsovfyClean();
    }

    @Test
    void removedFilesVanishFromTheNewestViewOnly() throws IOException {
        Path src = tmp.resolve("src/set");
        write(src.resolve("keep.txt"), "keep\n".getBytes());
        byte[] gone = write(src.resolve("gone.txt"), "gone\n".getBytes());
        write(src.resolve("sub/deep.txt"), "deep\n".getBytes());
        burn(src.toString());
        burn("--remove", "/set/gone.txt", "--remove", "set/sub");

        List<String[]> toc = Tools.xorrisoToc(disc);
        assertEquals(2, toc.size());
        assertEquals(List.of("/set/keep.txt"), Tools.isoinfoJolietFiles(disc, Long.parseLong(toc.get(1)[0])));
        assertEquals(List.of("/set/gone.txt", "/set/keep.txt", "/set/sub/deep.txt"), Tools.isoinfoJolietFiles(disc, 32));
        assertArrayEquals(gone, isoinfoExtract(32, "/set/gone.txt"));
        String listing = Tools.run("bsdtar", "-tf", disc.toString()).out();
        assertTrue(!listing.contains("gone.txt") && listing.contains("set/keep.txt"), listing);
        assertIsovfyClean();
    }

    @Test
    void unicodeAndLongNamesSurviveInJoliet() throws IOException {
        String longName = "a".repeat(60) + ".txt";
        List<String> names = List.of("Grüße aus Köln.txt", "日本語のファイル.txt", "Ελληνικά", longName,
                "with space & (parens) {y} 'q'.txt");
        Path src = tmp.resolve("src/Ünïcode");
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            contents.add(write(src.resolve(names.get(i)), ("content " + i + "\n").getBytes()));
        }
        burn(src.toString());

        List<String> listed = Tools.run("bsdtar", "-tf", disc.toString()).lines();
        for (int i = 0; i < names.size(); i++) {
            assertTrue(listed.contains("Ünïcode/" + names.get(i)), "bsdtar lists " + names.get(i) + " in " + listed);
            assertArrayEquals(contents.get(i), Tools.bsdtarExtract(disc, "Ünïcode/" + names.get(i)));
        }
        String primary = Tools.run("isoinfo", "-f", "-i", disc.toString()).out();
        assertTrue(primary.contains("/UNICODE/GRUSSE_AUS_KOLN.TXT;1"), primary);
        assertTrue(primary.contains("/UNICODE/" + "A".repeat(27) + ".TXT;1"), primary);
        assertIsovfyClean();
    }

    private void burn(String... args) {
        List<String> all = new ArrayList<>(List.of("burn", "--disc", disc.toString()));
        all.addAll(List.of(args));
        Cli.Result r = Cli.burner(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
    }

    private void assertIsovfyClean() {
        Tools.Run r = Tools.run("isovfy", "-i", disc.toString());
        assertTrue((r.out() + r.stderr()).contains("No errors found"), r.out() + r.stderr());
    }

    private byte[] isoinfoExtract(long start, String path) {
        return Tools.run("isoinfo", "-J", "-x", path, "-T", Long.toString(start), "-i", disc.toString()).stdout();
    }

    static byte[] write(Path p, byte[] content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return content;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
