package dev.rmkit.updater.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.hash.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatcherTest {
    @TempDir Path tmp;

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** {@code base} with {@code insert} random bytes at {@code at} and a few bytes changed further on. */
    private static byte[] edited(byte[] base, int at, int insert, long seed) {
        byte[] out = new byte[base.length + insert];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(random(insert, seed), 0, out, at, insert);
        System.arraycopy(base, at, out, at + insert, base.length - at);
        for (int i = at + insert + 1000; i < out.length; i += out.length / 7 + 1) {
            out[i] ^= 0x5a;
        }
        return out;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private byte[] roundTrip(byte[] base, byte[] target, long[] patchSize) throws Exception {
        Path b = write("base", base);
        Path t = write("target", target);
        Path patch = tmp.resolve("patch");
        Files.deleteIfExists(patch);
        patchSize[0] = PatchWriter.write(b, t, patch);
        Path out = tmp.resolve("out");
        new Patcher().apply(b, patch, out, target.length, Sha256.hex(target));
        return Files.readAllBytes(out);
    }

    @Test
    void aSmallEditCostsAFractionOfTheFileAndRebuildsItExactly() throws Exception {
        byte[] base = random(300_000, 1);
        byte[] target = edited(base, 1234, 500, 2);
        long[] size = new long[1];
        assertArrayEquals(target, roundTrip(base, target, size));
        assertTrue(size[0] < target.length / 50, "patch of " + size[0] + " bytes for " + target.length);
    }

    @Test
    void aFileLargerThanOneChunkIsPatchedChunkByChunk() throws Exception {
        byte[] base = random(PatchFormat.MAX_CHUNK * 2 + 12345, 3);
        byte[] target = edited(base, PatchFormat.MAX_CHUNK - 100, 200_000, 4);
        long[] size = new long[1];
        assertArrayEquals(target, roundTrip(base, target, size));
        assertTrue(size[0] < target.length / 50, "patch of " + size[0] + " bytes for " + target.length);
    }

    @Test
    void aPatchFromNothingStillRebuildsTheFile() throws Exception {
        byte[] target = random(70_000, 5);
        long[] size = new long[1];
        assertArrayEquals(target, roundTrip(new byte[0], target, size));
    }

    @Test
    void aPatchAppliedToAnotherBaseFailsInsteadOfProducingWrongBytes() throws Exception {
        byte[] base = random(200_000, 6);
        byte[] target = edited(base, 10, 100, 7);
        Path patch = tmp.resolve("patch");
        PatchWriter.write(write("base", base), write("target", target), patch);
        byte[] other = base.clone();
        other[150_000] ^= 1;
        PatchException e = assertThrows(PatchException.class, () -> new Patcher().apply(write("other", other), patch,
                tmp.resolve("out"), target.length, Sha256.hex(target)));
        assertTrue(e.getMessage().contains("SHA-256") || e.getMessage().startsWith("zstd"), e.getMessage());
    }

    @Test
    void malformedPatchesAreRefused() throws Exception {
        byte[] base = random(100_000, 8);
        byte[] target = edited(base, 50, 10, 9);
        Path b = write("base", base);
        Path patch = tmp.resolve("patch");
        PatchWriter.write(b, write("target", target), patch);
        byte[] good = Files.readAllBytes(patch);
        String sha = Sha256.hex(target);
        Patcher patcher = new Patcher();

        Path truncated = write("truncated", Arrays.copyOf(good, good.length - 3));
        assertTrue(message(patcher, b, truncated, target.length, sha).contains("ends early"));
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertTrue(message(patcher, b, write("trailing", trailing), target.length, sha).contains("trailing"));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(message(patcher, b, write("magic", magic), target.length, sha).contains("magic"));
        assertTrue(message(patcher, b, patch, target.length + 1, sha).contains("produces"));

        ByteArrayOutputStream huge = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(huge)) {
            o.write(PatchFormat.MAGIC);
            o.writeLong(target.length);
            o.writeLong(0);
            o.writeInt(PatchFormat.MAX_WINDOW + 1); // a window larger than the memory bound allows
            o.writeInt(target.length);
            o.writeInt(10);
        }
        assertTrue(message(patcher, b, write("huge", huge.toByteArray()), target.length, sha).contains("out of bounds"));
        // The same instance still works after all those failures.
        patcher.apply(b, patch, tmp.resolve("out"), target.length, sha);
        assertArrayEquals(target, Files.readAllBytes(tmp.resolve("out")));
    }

    private String message(Patcher p, Path base, Path patch, long size, String sha) {
        return assertThrows(PatchException.class, () -> p.apply(base, patch, tmp.resolve("out"), size, sha)).getMessage();
    }

    @Test
    void windowsFollowTheChunkAndStayInsideTheOldFile() {
        assertEquals(0, PatchWriter.windowStart(0, 100, 100));
        long big = 1L << 30;
        assertEquals(0, PatchWriter.windowStart(0, big, big));
        assertEquals((big / 2) - PatchFormat.MARGIN, PatchWriter.windowStart(big / 2, big, big));
        assertEquals(big - PatchFormat.MAX_WINDOW, PatchWriter.windowStart(big - 1, big, big));
        assertEquals(10, PatchWriter.windowLog(1));
        assertEquals(26, PatchWriter.windowLog(PatchFormat.MAX_WINDOW + PatchFormat.MAX_CHUNK));
    }
}
