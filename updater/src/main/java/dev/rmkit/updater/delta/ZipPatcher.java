package dev.rmkit.updater.delta;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import dev.rmkit.updater.delta.ZipRecipe.Segment;
import dev.rmkit.updater.hash.Sha256;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Applies an archive-aware patch ({@link ZipPatchWriter}) after its magic: reads and checks the
 * header and recipe, expands the installed zip into a scratch file, applies the inner patch (zstd or
 * bsdiff, by its magic) into a second one, then collapses that into {@code out}, streaming, and checks size and SHA-256. Scratch
 * files sit next to {@code out} and are deleted whatever happens. Every failure, including a zlib
 * that deflates differently from the publisher's, is a PatchException: the caller downloads the file.
 */
final class ZipPatcher {
    private final Patcher patcher;
    private final ZipLimits limits;
    private final Redeflate redeflate = new Redeflate();
    private final byte[] copy = new byte[64 * 1024];

    ZipPatcher(Patcher patcher, ZipLimits limits) {
        this.patcher = patcher;
        this.limits = limits;
    }

    void apply(Path base, Path patch, DataInputStream in, Path out, long size, String sha256) throws IOException, PatchException {
        long target = in.readLong();
        long expandedSize = in.readLong();
        byte[] expandedSha = new byte[32];
        in.readFully(expandedSha);
        int recipeLength = in.readInt();
        int frameLength = in.readInt();
        if (target != size) {
            throw new PatchException("the patch produces " + target + " bytes, the release's file has " + size);
        }
        if (expandedSize < 0 || expandedSize > limits.maxExpanded(size) || recipeLength < 1
                || recipeLength > ZipRecipe.MAX_ENCODED || frameLength < 1 || frameLength > Zstd.compressBound(recipeLength)) {
            throw new PatchException("zip patch header out of bounds (expanded " + expandedSize + ", recipe " + recipeLength
                    + ", frame " + frameLength + ")");
        }
        byte[] frame = new byte[frameLength];
        in.readFully(frame);
        List<Segment> segments = ZipRecipe.decode(decompress(frame, recipeLength), expandedSize, size);
        Path xb = ZipPatchWriter.sibling(out, ".xbase");
        Path xn = ZipPatchWriter.sibling(out, ".xnew");
        try {
            new ZipExpansion(limits).expand(base, xb, false);
            byte[] magic = new byte[PatchFormat.MAGIC.length];
            in.readFully(magic);
            String expected = HexFormat.of().formatHex(expandedSha);
            if (Arrays.equals(magic, PatchFormat.MAGIC)) {
                patcher.applyPlain(xb, in, xn, expandedSize, expected);
            } else if (Arrays.equals(magic, BsdiffWriter.MAGIC)) {
                long offset = ZipPatchWriter.HEADER + frameLength + magic.length;
                new BsdiffPatcher().apply(xb, patch, offset, xn, expandedSize, expected);
            } else {
                throw new PatchException("a zip patch whose inner patch has a bad magic");
            }
            Files.delete(xb);
            collapse(xn, segments, out, sha256);
        } finally {
            Files.deleteIfExists(xb);
            Files.deleteIfExists(xn);
        }
    }

    private static byte[] decompress(byte[] frame, int length) throws PatchException {
        try {
            byte[] recipe = Zstd.decompress(frame, length);
            if (recipe.length != length) {
                throw new PatchException("the recipe is " + recipe.length + " bytes, the header says " + length);
            }
            return recipe;
        } catch (ZstdException e) {
            throw new PatchException("zstd: " + e.getMessage(), e);
        }
    }

    /** Writes the zip that {@code expanded} collapses to under {@code segments}; its hash must be {@code sha256}. */
    private void collapse(Path expanded, List<Segment> segments, Path out, String sha256) throws IOException, PatchException {
        MessageDigest md = Sha256.digest();
        try (FileChannel x = FileChannel.open(expanded, StandardOpenOption.READ);
                FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = 0;
            for (Segment s : segments) {
                if (s.deflate()) {
                    long[] left = {s.deflatedLength()};
                    long n = redeflate.deflate(x, pos, s.length(), s.level(), s.strategy(), (b, len) -> {
                        left[0] -= len;
                        return left[0] >= 0 && emit(o, md, b, len);
                    });
                    if (n != s.deflatedLength()) {
                        throw new PatchException("re-deflating an entry at level " + s.level() + " gave "
                                + (n < 0 ? "more than " + s.deflatedLength() : String.valueOf(n)) + " bytes instead of " + s.deflatedLength()
                                + " (this zlib deflates differently from the publisher's)");
                    }
                } else {
                    copyRaw(x, pos, s.length(), o, md);
                }
                pos += s.length();
            }
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(sha256)) {
            throw new PatchException("the collapsed file's SHA-256 is " + actual + ", expected " + sha256);
        }
    }

    private void copyRaw(FileChannel x, long pos, long length, FileChannel o, MessageDigest md) throws IOException {
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(copy.length, length - done);
            if (!PatchFormat.readFully(x, ByteBuffer.wrap(copy, 0, n), pos + done)) {
                throw new IOException("the expanded file ended early");
            }
            emit(o, md, copy, n);
            done += n;
        }
    }

    private static boolean emit(FileChannel o, MessageDigest md, byte[] b, int n) throws IOException {
        md.update(b, 0, n);
        ByteBuffer buf = ByteBuffer.wrap(b, 0, n);
        while (buf.hasRemaining()) {
            o.write(buf);
        }
        return true;
    }
}
