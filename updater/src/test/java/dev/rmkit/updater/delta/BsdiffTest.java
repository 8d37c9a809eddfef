package dev.rmkit.updater.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.rmkit.updater.hash.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bsdiff patches: exact round trips, small for shifted numbers, and hostile patches refused. */
class BsdiffTest {
    @TempDir Path tmp;

    /** Writes the bsdiff patch old → new, applies it, checks the result, returns the patch's size. */
    private long roundTrip(byte[] old, byte[] cur) throws Exception {
        Path a = Files.write(tmp.resolve("old"), old);
        Path b = Files.write(tmp.resolve("new"), cur);
        Path patch = tmp.resolve("patch");
        Files.deleteIfExists(patch);
        long size = BsdiffWriter.write(a, b, patch);
        Path out = tmp.resolve("out");
        new BsdiffPatcher().apply(a, patch, BsdiffWriter.MAGIC.length, out, cur.length, Sha256.hex(cur));
        assertArrayEquals(cur, Files.readAllBytes(out));
        return size;
    }

    @Test
    void edgeCasesRoundTrip() throws Exception {
        byte[] text = ZipPatches.text(100_000, 1);
        roundTrip(new byte[0], text);
        roundTrip(text, new byte[0]);
        roundTrip(new byte[0], new byte[0]);
        assertTrue(roundTrip(text, text) < 200, "identical files");
        roundTrip(PatcherTest.random(50_000, 1), PatcherTest.random(60_000, 2)); // all different
        roundTrip(new byte[70_000], new byte[90_000]); // one long run
        byte[] moved = new byte[text.length];
        System.arraycopy(text, 60_000, moved, 0, 40_000);
        System.arraycopy(text, 0, moved, 40_000, 60_000);
        assertTrue(roundTrip(text, moved) < 2_000, "two blocks swapped");
    }

    @Test
    void numbersShiftedByOneCostFarLessThanAZstdPatch() throws Exception {
        // class files after a line was added: every line number in the tables one higher
        byte[] old = ZipPatches.text(400_000, 7);
        byte[] cur = old.clone();
        for (int i = 0; i < cur.length; i += 37) {
            cur[i] += 1;
        }
        long bsdiff = roundTrip(old, cur);
        Path plainPatch = tmp.resolve("plain-patch");
        long plain = PatchWriter.write(tmp.resolve("old"), tmp.resolve("new"), plainPatch);
        assertTrue(bsdiff * 4 < plain, "bsdiff " + bsdiff + " bytes, zstd " + plain);
    }

    @Test
    void filesOverTheBoundAreNotDiffed() throws Exception {
        Path small = Files.write(tmp.resolve("small"), new byte[10]);
        Path large = tmp.resolve("large");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(BsdiffWriter.MAX_INPUT + 1);
        }
        for (Path[] pair : new Path[][] {{small, large}, {large, small}}) {
            PatchException e = assertThrows(PatchException.class, () -> BsdiffWriter.write(pair[0], pair[1], tmp.resolve("p")));
            assertStarts("too large for bsdiff", e.getMessage());
        }
        assertTrue(Files.notExists(tmp.resolve("p")));
        // what publish needs at the bound: under 550 MB of heap (the JVM's default is a quarter of RAM)
        assertTrue(BsdiffWriter.heapNeeded(BsdiffWriter.MAX_INPUT, BsdiffWriter.MAX_INPUT) < 550_000_000L);
    }

    /** A hand-built patch: header, then the control, diff and extra blocks as given, each one zstd frame. */
    private static byte[] patch(long target, long[][] triples, byte[] diff, byte[] extra) throws Exception {
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(c);
        for (long[] t : triples) {
            for (long v : t) {
                d.writeLong(v);
            }
        }
        byte[][] frames = {Zstd.compress(c.toByteArray()), Zstd.compress(diff), Zstd.compress(extra)};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.write(BsdiffWriter.MAGIC);
        o.writeLong(target);
        for (byte[] f : frames) {
            o.writeLong(f.length);
        }
        for (byte[] f : frames) {
            o.write(f);
        }
        return out.toByteArray();
    }

    private String refusal(byte[] patch, long size) throws Exception {
        Path base = Files.write(tmp.resolve("base"), new byte[100]);
        Path p = Files.write(tmp.resolve("hostile"), patch);
        PatchException e = assertThrows(PatchException.class, () -> new BsdiffPatcher().apply(base, p, BsdiffWriter.MAGIC.length,
                tmp.resolve("out"), size, "0".repeat(64)));
        return e.getMessage();
    }

    private static void assertStarts(String prefix, String message) {
        assertTrue(message.startsWith(prefix), message);
    }

    @Test
    void hostilePatchesAreRefusedWithOneMessage() throws Exception {
        byte[] ten = new byte[10];
        assertStarts("a bsdiff triple at 10 seeks to 10+91, outside the old file's 100 bytes",
                refusal(patch(20, new long[][] {{10, 0, 91}, {10, 0, 0}}, new byte[20], new byte[0]), 20));
        assertStarts("a bsdiff triple at 0 seeks to 0-1, outside",
                refusal(patch(20, new long[][] {{0, 0, -1}}, new byte[0], new byte[0]), 20));
        assertStarts("a bsdiff triple at 0 is out of bounds (add 21, copy 0, 20 bytes left)",
                refusal(patch(20, new long[][] {{21, 0, 0}}, new byte[21], new byte[0]), 20));
        assertStarts("a bsdiff triple at 10 is out of bounds (add 0, copy 11, 10 bytes left)",
                refusal(patch(20, new long[][] {{10, 0, 0}, {0, 11, 0}}, ten, new byte[11]), 20));
        assertStarts("a bsdiff triple at 0 is out of bounds (add -1",
                refusal(patch(20, new long[][] {{-1, 21, 0}}, new byte[0], new byte[21]), 20));
        assertStarts("a bsdiff triple at 0 adds 120 old bytes from 0, past the old file's 100",
                refusal(patch(200, new long[][] {{120, 80, 0}}, new byte[120], new byte[80]), 200));
        assertStarts("a bsdiff triple at 10 is out of bounds (add 0, copy 0",
                refusal(patch(20, new long[][] {{0, 10, 0}, {0, 0, 5}, {10, 0, 0}}, ten, ten), 20));
        assertStarts("the patch produces 20 bytes, the expected file has 21",
                refusal(patch(20, new long[][] {{20, 0, 0}}, new byte[20], new byte[0]), 21));
        assertStarts("trailing bytes in a bsdiff block",
                refusal(patch(20, new long[][] {{20, 0, 0}}, new byte[20], new byte[1]), 20));
        assertStarts("a bsdiff block ends before the file is complete",
                refusal(patch(20, new long[][] {{20, 0, 0}}, ten, new byte[0]), 20));
        assertStarts("a bsdiff block ends before the file is complete",
                refusal(patch(20, new long[][] {{10, 0, 0}}, ten, new byte[0]), 20));
    }

    @Test
    void truncatedOrExtendedPatchesAreRefused() throws Exception {
        byte[] good = patch(20, new long[][] {{10, 10, 0}}, new byte[10], new byte[10]);
        assertStarts("the bsdiff blocks (", refusal(Arrays.copyOf(good, good.length - 1), 20));
        assertStarts("trailing bytes after the bsdiff blocks", refusal(Arrays.copyOf(good, good.length + 1), 20));
        assertStarts("the bsdiff patch ends in its header", refusal(Arrays.copyOf(good, 20), 20));
        // a frame cut short, the header's lengths adjusted to match: the frame itself does not end
        byte[] cut = Arrays.copyOf(good, good.length - 3);
        java.nio.ByteBuffer.wrap(cut).putLong(32, java.nio.ByteBuffer.wrap(good).getLong(32) - 3);
        assertStarts("a bsdiff block does not decode: ", refusal(cut, 20));
    }

    @Test
    void aFrameWithAWindowBeyondTheLimitIsRefused() throws Exception {
        // the extra block as a stream of unknown size with a 128 MiB window: a client would have to allocate it
        ByteArrayOutputStream wide = new ByteArrayOutputStream();
        try (ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(wide)) {
            z.setWindowLog(27);
            z.write(PatcherTest.random(20, 4));
        }
        byte[] frame = wide.toByteArray();
        ByteArrayOutputStream triple = new ByteArrayOutputStream();
        DataOutputStream t = new DataOutputStream(triple);
        t.writeLong(0);
        t.writeLong(20);
        t.writeLong(0);
        byte[] control = Zstd.compress(triple.toByteArray());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.write(BsdiffWriter.MAGIC);
        o.writeLong(20);
        o.writeLong(control.length);
        o.writeLong(Zstd.compress(new byte[0]).length);
        o.writeLong(frame.length);
        o.write(control);
        o.write(Zstd.compress(new byte[0]));
        o.write(frame);
        assertStarts("a bsdiff block does not decode: ", refusal(b.toByteArray(), 20));
    }
}
