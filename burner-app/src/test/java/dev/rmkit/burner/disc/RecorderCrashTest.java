package dev.rmkit.burner.disc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.BurnRequest;
import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.SessionBurner;
import dev.rmkit.burner.testing.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interruptions at each step of the commit leave the disc either without the new session or with it,
 * and every earlier session readable (checked by xorriso, isovfy and bsdtar).
 */
class RecorderCrashTest {

    @TempDir Path tmp;
    Path disc;
    Path first;
    Path big;

    @BeforeEach
    void oneSession() throws IOException, BurnerException {
        Tools.require("xorriso", "isovfy", "bsdtar");
        disc = tmp.resolve("disc.iso");
        first = tmp.resolve("first.txt");
        Files.writeString(first, "first session\n");
        big = tmp.resolve("big.bin");
        byte[] b = new byte[1_000_000];
        new Random(3).nextBytes(b);
        Files.write(big, b);
        SessionBurner.burn(BurnRequest.of(disc, List.of(first)), BurnMonitor.NONE);
    }

    @Test
    void aBurnStoppedHalfwayCommitsNothing() throws Exception {
        long sizeBefore = Files.size(disc);
        BurnerException e = assertThrows(BurnerException.class,
                () -> SessionBurner.burn(BurnRequest.of(disc, List.of(big)), stopAfter(300_000)));
        assertEquals(ExitCode.INTERRUPTED, e.exitCode());
        assertTrue(Files.size(disc) > sizeBefore, "the unfinished session's blocks were written");
        assertEarlierSessionIntact(1);
        try (DiscImage d = DiscImage.open(disc, true)) {
            assertTrue(d.discardedBlocks() > 100, "the writable open drops the unfinished blocks");
            assertEquals(1, d.header().sessions().size());
        }
        assertEquals(sizeBefore, Files.size(disc));
        SessionBurner.burn(BurnRequest.of(disc, List.of(big)), BurnMonitor.NONE);
        assertEquals(2, Tools.xorrisoToc(disc).size());
        assertArrayEquals(Files.readAllBytes(big), Tools.bsdtarExtract(disc, "big.bin"));
    }

    @Test
    void aCrashAfterTheHeaderCommitIsCompletedByTheNextWritableOpen() throws Exception {
        byte[] oldSuperblock = read(16 * 2048, 3 * 2048);
        SessionBurner.burn(BurnRequest.of(disc, List.of(big)), BurnMonitor.NONE);
        // as if the process died between writing the header and rewriting blocks 16-18
        try (DiscImage d = DiscImage.open(disc, false)) {
            assertEquals(2, d.header().sessions().size());
        }
        write(16 * 2048, dev.rmkit.burner.iso.VolumeDescriptors.withVolumeSpaceSize(oldSuperblock,
                Files.size(disc) / 2048));
        assertTrue(Tools.run("bsdtar", "-tf", disc.toString()).out().lines().noneMatch(l -> l.equals("big.bin")));
        try (DiscImage d = DiscImage.open(disc, true)) {
            assertEquals(2, d.header().sessions().size());
        }
        assertArrayEquals(Files.readAllBytes(big), Tools.bsdtarExtract(disc, "big.bin"));
        assertEquals(2, Tools.xorrisoToc(disc).size());
    }

    @Test
    void aDiscSwappedDuringTheBurnIsNotWrittenTo() throws Exception {
        Path other = tmp.resolve("other.iso");
        SessionBurner.burn(BurnRequest.of(other, List.of(first)), BurnMonitor.NONE);
        byte[] otherBytes = Files.readAllBytes(other);
        Path parked = tmp.resolve("parked.iso");
        BurnMonitor swapper = new BurnMonitor() {
            boolean swapped;

            @Override
            public void progress(long written, long total) {
                if (!swapped && written > 100_000) {
                    swapped = true;
                    try {
                        Files.move(disc, parked);
                        Files.copy(other, disc);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public boolean stopRequested() {
                return false;
            }
        };
        BurnerException e = assertThrows(BurnerException.class,
                () -> SessionBurner.burn(BurnRequest.of(disc, List.of(big)), swapper));
        assertEquals(ExitCode.DISC_REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("wrong disc"), e.getMessage());
        assertArrayEquals(otherBytes, Files.readAllBytes(disc));
        try (DiscImage d = DiscImage.open(parked, false)) {
            assertEquals(1, d.header().sessions().size());
        }
    }

    private void assertEarlierSessionIntact(int sessions) {
        assertEquals(sessions, Tools.xorrisoToc(disc).size());
        assertTrue(Tools.run("isovfy", "-i", disc.toString()).out().contains("No errors found"));
        assertArrayEquals("first session\n".getBytes(), Tools.bsdtarExtract(disc, "first.txt"));
    }

    private static BurnMonitor stopAfter(long bytes) {
        return new BurnMonitor() {
            long seen;

            @Override
            public void progress(long written, long total) {
                seen = written;
            }

            @Override
            public boolean stopRequested() {
                return seen >= bytes;
            }
        };
    }

    private byte[] read(long off, int len) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(disc.toFile(), "r")) {
            byte[] b = new byte[len];
            f.seek(off);
            f.readFully(b);
            return b;
        }
    }

    private void write(long off, byte[] b) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(disc.toFile(), "rw")) {
            f.seek(off);
            f.write(b);
        }
    }
}
