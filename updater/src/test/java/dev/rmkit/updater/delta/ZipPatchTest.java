package dev.rmkit.updater.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.updater.hash.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Archive-aware patches: entries diffed inflated, re-deflated by recipe, exact bytes or nothing. Its
 * methods run side by side (each has its own {@code tmp}; the writer and patcher keep no shared state):
 * zstd-jni's two rows alone keep a core busy for half a minute, the longest stretch of the unit tests.
 */
@Execution(ExecutionMode.CONCURRENT)
class ZipPatchTest {
    @TempDir Path tmp;

    private Path file(String name, byte[] content) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    /** Writes the zip patch old → new, applies it with a fresh Patcher, returns the patch's size. */
    private long roundTrip(Path oldFile, Path newFile) throws Exception {
        return roundTrip(oldFile, newFile, ZipPatchWriter.Inner.ZSTD);
    }

    private long roundTrip(Path oldFile, Path newFile, ZipPatchWriter.Inner kind) throws Exception {
        Path patch = tmp.resolve("patch");
        Files.deleteIfExists(patch);
        long size = ZipPatchWriter.write(oldFile, newFile, patch, ZipLimits.DEFAULT, kind);
        Path out = tmp.resolve("out");
        byte[] expected = Files.readAllBytes(newFile);
        new Patcher().apply(oldFile, patch, out, expected.length, Sha256.hex(expected));
        assertArrayEquals(expected, Files.readAllBytes(out));
        return size;
    }

    @ParameterizedTest(name = "{1} {2} -> {3}")
    @CsvSource({
        "com/fasterxml/jackson/core, jackson-core, 2.21.0, 2.21.2",
        "commons-codec, commons-codec, 1.22.0, 1.22.1",
        "com/github/ben-manes/caffeine, caffeine, 3.2.0, 3.2.2",
        "info/picocli, picocli, 4.7.6, 4.7.7",
        "com/github/luben, zstd-jni, 1.5.7-6, 1.5.7-9"})
    void aRealJarPairRoundTripsThroughItsZipPatch(String group, String artifact, String from, String to) throws Exception {
        Path a = ZipPatches.m2Jar(group, artifact, from);
        Path b = ZipPatches.m2Jar(group, artifact, to);
        assumeTrue(a != null && b != null, artifact + " " + from + " and " + to + " are not both in the local Maven repository");
        long size = roundTrip(a, b);
        long plain = PatchWriter.write(a, b, tmp.resolve("plain"));
        System.out.printf("%s %s -> %s: zip patch %d, plain %d, new file %d (%.2f %%)%n", artifact, from, to, size, plain,
                Files.size(b), 100.0 * size / Files.size(b));
        assertTrue(size < plain, "zip patch " + size + " is not smaller than the plain one " + plain);
    }

    @ParameterizedTest(name = "{1} {2} -> {3}")
    @CsvSource({
        "com/fasterxml/jackson/core, jackson-core, 2.21.0, 2.21.2, true",
        "commons-codec, commons-codec, 1.22.0, 1.22.1, true",
        "com/github/ben-manes/caffeine, caffeine, 3.2.0, 3.2.2, true",
        "info/picocli, picocli, 4.7.6, 4.7.7, true",
        "com/github/luben, zstd-jni, 1.5.7-6, 1.5.7-9, false"})
    void aRealJarPairRoundTripsThroughABsdiffZipPatch(String group, String artifact, String from, String to, boolean goal)
            throws Exception {
        Path a = ZipPatches.m2Jar(group, artifact, from);
        Path b = ZipPatches.m2Jar(group, artifact, to);
        assumeTrue(a != null && b != null, artifact + " " + from + " and " + to + " are not both in the local Maven repository");
        long t0 = System.nanoTime();
        long size = roundTrip(a, b, ZipPatchWriter.Inner.BSDIFF);
        System.out.printf("%s %s -> %s: bsdiff zip patch %d, new file %d (%.2f %%), written and applied in %d ms%n", artifact,
                from, to, size, Files.size(b), 100.0 * size / Files.size(b), (System.nanoTime() - t0) / 1_000_000);
        if (goal) { // zstd-jni's rebuilt native libraries share too little for any diff (docs/performance.md)
            assertTrue(size * 10 <= Files.size(b), "bsdiff zip patch of " + size + " bytes for " + Files.size(b));
        }
    }

    @Test
    void aChangedEntryDeflatedAtAnotherLevelIsFoundByItsRecipe() throws Exception {
        Map<String, byte[]> v1 = new LinkedHashMap<>();
        v1.put("a.class", ZipPatches.text(40_000, 1));
        v1.put("b.class", ZipPatches.text(30_000, 2));
        Map<String, byte[]> v2 = new LinkedHashMap<>(v1);
        v2.put("a.class", ZipPatches.text(40_100, 3));
        Path a = file("a.zip", ZipPatches.zip(v1, 1));
        Path b = file("b.zip", ZipPatches.zip(v2, 1));
        roundTrip(a, b);
        assertEquals(List.of("raw", "deflate:1/0", "raw", "deflate:1/0", "raw"), ZipPatches.recipe(tmp.resolve("patch")));
    }

    @Test
    void anEntryNoRecipeReproducesIsKeptRawAndTheFileIsStillExact() throws Exception {
        byte[] x1 = ZipPatches.text(50_000, 5);
        byte[] x2 = ZipPatches.text(50_000, 6);
        byte[] y = ZipPatches.text(50_000, 4);
        // y.txt as a non-zlib compressor might write it: valid deflate (stored blocks of 1000 bytes) no level reproduces
        ZipPatches.RawEntry odd = new ZipPatches.RawEntry("y.txt", y, ZipPatches.storedBlocks(y, 1000));
        Path a = file("a.zip", ZipPatches.zipOf(new ZipPatches.RawEntry("x.txt", x1, ZipPatches.deflate(x1, 6)), odd));
        Path oddOnly = file("odd.zip", ZipPatches.zipOf(odd));
        PatchException e = assertThrows(PatchException.class,
                () -> ZipPatchWriter.write(a, oddOnly, tmp.resolve("p-odd"), ZipLimits.DEFAULT));
        assertTrue(e.getMessage().contains("no entry of the new file re-deflates"), e.getMessage());

        Path b = file("b.zip", ZipPatches.zipOf(new ZipPatches.RawEntry("x.txt", x2, ZipPatches.deflate(x2, 6)), odd));
        roundTrip(a, b);
        assertEquals(List.of("raw", "deflate:6/0", "raw"), ZipPatches.recipe(tmp.resolve("patch")));
    }

    @Test
    void aRecipeThatDeflatesDifferentlyFailsInsteadOfWritingAnotherFile() throws Exception {
        PatchException e = refusedAfter(patch -> ZipPatches.setLevels(patch, Deflater.BEST_SPEED));
        assertTrue(e.getMessage().contains("deflates differently"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("out.xbase")) && Files.notExists(tmp.resolve("out.xnew")));
    }

    @Test
    void aRecipeWhoseLengthsDoNotAddUpIsRefusedBeforeAnythingIsExpanded() throws Exception {
        PatchException e = refusedAfter(patch -> ZipPatches.rewriteRecipe(patch, s -> s.deflate()
                ? new ZipRecipe.Segment(true, Long.MAX_VALUE / 2, s.deflatedLength(), s.level(), s.strategy()) : s));
        assertTrue(e.getMessage().startsWith("recipe segment 1 runs past the expanded or the collapsed size"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("out.xbase")));
    }

    /** What a patch between two one-class zips is refused with once {@code damage} has changed it. */
    private PatchException refusedAfter(Damage damage) throws Exception {
        Path a = file("a.zip", ZipPatches.zip(Map.of("a.class", ZipPatches.text(40_000, 1)), 6));
        Path b = file("b.zip", ZipPatches.zip(Map.of("a.class", ZipPatches.text(40_000, 2)), 6));
        Path patch = tmp.resolve("patch");
        ZipPatchWriter.write(a, b, patch, ZipLimits.DEFAULT);
        damage.apply(patch);
        byte[] expected = Files.readAllBytes(b);
        return assertThrows(PatchException.class,
                () -> new Patcher().apply(a, patch, tmp.resolve("out"), expected.length, Sha256.hex(expected)));
    }

    /** A change made to a written patch. */
    private interface Damage {
        void apply(Path patch) throws Exception;
    }
}
