package dev.rmkit.updater.delta;

import com.github.luben.zstd.Zstd;
import dev.rmkit.updater.delta.ZipRecipe.Segment;
import dev.rmkit.updater.hash.Sha256;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an archive-aware patch: the plain patch ({@link PatchFormat}) from the expanded old zip to
 * the expanded new one ({@link ZipExpansion}), behind a header with the recipe that collapses the
 * result back into the new zip.
 *
 * <pre>
 * magic         8 bytes  "RMKZIPX1"
 * size          u64      size of the file the patch produces (the new zip)
 * expandedSize  u64      size of the new zip's expanded form
 * expandedSha   32 bytes SHA-256 of that expanded form
 * recipeLength  u32      length of the encoded recipe ({@link ZipRecipe}), at most ZipRecipe.MAX_ENCODED
 * frameLength   u32      length of the zstd frame that follows, at most zstd's bound for that
 * frame         frameLength bytes: the encoded recipe, one zstd frame
 * patch         a whole inner patch from the expanded old zip to the expanded new one, to the end: either a
 *               "RMKZPAT1" patch ({@link PatchFormat}) or a "RMKBSD01" one ({@link BsdiffWriter}), told by its magic
 * </pre>
 * Big-endian numbers. The client expands the installed file (with {@link ZipLimits#DEFAULT}, as
 * publish did), applies the inner patch (checked against expandedSize and expandedSha), then
 * collapses, and the result must have the release's size and SHA-256.
 */
public final class ZipPatchWriter {
    static final byte[] MAGIC = "RMKZIPX1".getBytes(StandardCharsets.US_ASCII);
    /** Bytes before the recipe's frame. */
    static final int HEADER = 64;

    /** The inner patch's kind. */
    public enum Inner {
        /** Chunked zstd with the old content as dictionary ({@link PatchWriter}): any size. */
        ZSTD,
        /** bsdiff ({@link BsdiffWriter}): expanded forms of at most {@link BsdiffWriter#MAX_INPUT} only. */
        BSDIFF
    }

    private ZipPatchWriter() {}

    /**
     * Writes the archive-aware patch from {@code base} to {@code target} into {@code out} (created,
     * must not exist) and returns its size; PatchException when either is not a zip this expands, or
     * no entry of the target re-deflates identically (a plain patch is then as good).
     */
    public static long write(Path base, Path target, Path out, ZipLimits limits) throws IOException, PatchException {
        return write(base, target, out, limits, Inner.ZSTD);
    }

    /** As {@link #write(Path, Path, Path, ZipLimits)} with the inner patch of kind {@code kind}. */
    public static long write(Path base, Path target, Path out, ZipLimits limits, Inner kind) throws IOException, PatchException {
        Made made = writeEach(base, target, Map.of(kind, out), limits);
        PatchException refused = made.refused().get(kind);
        if (refused != null) {
            throw refused;
        }
        return made.sizes().get(kind);
    }

    /**
     * What {@link #writeEach} made: the size of each inner kind's patch, or why that kind could not be
     * made (bsdiff: the expanded forms are too large, or the heap too small).
     */
    public record Made(Map<Inner, Long> sizes, Map<Inner, PatchException> refused) {}

    /**
     * Writes one archive-aware patch per entry of {@code outs} (each file created, must not exist), all
     * from one expansion of both zips: the expansion, with its recipe search that re-deflates every entry
     * of the target, is most of the work, and is the same whatever the inner patch. PatchException when
     * either is not a zip this expands, or no entry of the target re-deflates identically.
     */
    public static Made writeEach(Path base, Path target, Map<Inner, Path> outs, ZipLimits limits)
            throws IOException, PatchException {
        Path first = outs.values().iterator().next();
        Path xb = sibling(first, ".xbase");
        Path xn = sibling(first, ".xnew");
        Path inner = sibling(first, ".inner");
        Map<Inner, Long> sizes = new EnumMap<>(Inner.class);
        Map<Inner, PatchException> refused = new EnumMap<>(Inner.class);
        try {
            ZipExpansion x = new ZipExpansion(limits);
            if (!ZipExpansion.looksLikeZip(base) || !ZipExpansion.looksLikeZip(target)) {
                throw ZipLayout.refused("not a zip");
            }
            x.expand(base, xb, false);
            List<Segment> segments = x.expand(target, xn, true);
            if (segments.stream().noneMatch(Segment::deflate)) {
                throw ZipLayout.refused("no entry of the new file re-deflates to its exact bytes");
            }
            byte[] recipe = ZipRecipe.encode(segments);
            byte[] frame = Zstd.compress(recipe, 19);
            byte[] expandedSha = Sha256.of(xn);
            for (Map.Entry<Inner, Path> e : new EnumMap<>(outs).entrySet()) {
                try {
                    if (e.getKey() == Inner.BSDIFF) {
                        BsdiffWriter.write(xb, xn, inner);
                    } else {
                        PatchWriter.write(xb, xn, inner);
                    }
                    Path out = e.getValue();
                    try (OutputStream raw = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW);
                            DataOutputStream o = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                        o.write(MAGIC);
                        o.writeLong(Files.size(target));
                        o.writeLong(Files.size(xn));
                        o.write(expandedSha);
                        o.writeInt(recipe.length);
                        o.writeInt(frame.length);
                        o.write(frame);
                        Files.copy(inner, o);
                    }
                    sizes.put(e.getKey(), Files.size(out));
                } catch (PatchException refusedKind) {
                    refused.put(e.getKey(), refusedKind);
                } finally {
                    Files.deleteIfExists(inner);
                }
            }
            return new Made(sizes, refused);
        } finally {
            Files.deleteIfExists(xb);
            Files.deleteIfExists(xn);
            Files.deleteIfExists(inner);
        }
    }

    /** A scratch file next to {@code p}; one a caller or attacker left there is removed, never written through. */
    static Path sibling(Path p, String suffix) throws IOException {
        Path s = p.resolveSibling(p.getFileName() + suffix);
        Files.deleteIfExists(s);
        return s;
    }
}
