package dev.rmkit.updater.delta;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;
import dev.rmkit.updater.hash.Sha256;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Applies a patch ({@link PatchFormat}) to an old file, writing the new one, and checks its size and
 * SHA-256 before declaring success. Memory is three direct buffers (window, frame, chunk), grown to
 * what the patches need and at most about 64 MiB together, reused for every chunk and file of one
 * instance; the decompression is single-shot into the chunk buffer, so zstd allocates no window of
 * its own. Not thread-safe: one instance per staging run.
 */
public final class Patcher {
    private ByteBuffer window = ByteBuffer.allocateDirect(0);
    private ByteBuffer frame = ByteBuffer.allocateDirect(0);
    private ByteBuffer chunk = ByteBuffer.allocateDirect(0);
    private final byte[] copy = new byte[64 * 1024];
    private final ZipLimits zipLimits;

    /** A patcher for the limits publish uses ({@link ZipLimits#DEFAULT}). */
    public Patcher() {
        this(ZipLimits.DEFAULT);
    }

    /** A patcher expanding zips under {@code zipLimits} (tests: stricter or looser than publish's). */
    public Patcher(ZipLimits zipLimits) {
        this.zipLimits = zipLimits;
    }

    /**
     * Writes {@code out} (created or truncated) from {@code base} and {@code patch}; throws
     * PatchException unless the result has exactly {@code size} bytes with SHA-256 {@code sha256}.
     * The caller deletes {@code out} on failure and makes it durable on success.
     */
    public void apply(Path base, Path patch, Path out, long size, String sha256) throws IOException, PatchException {
        try (InputStream raw = Files.newInputStream(patch);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024))) {
            byte[] magic = new byte[PatchFormat.MAGIC.length];
            in.readFully(magic);
            if (Arrays.equals(magic, PatchFormat.MAGIC)) {
                applyPlain(base, in, out, size, sha256);
            } else if (Arrays.equals(magic, ZipPatchWriter.MAGIC)) {
                new ZipPatcher(this, zipLimits).apply(base, patch, in, out, size, sha256);
            } else {
                throw new PatchException("not an rmkit patch (bad magic)");
            }
        } catch (EOFException e) {
            throw new PatchException("the patch ends early", e);
        }
    }

    /** Applies the plain patch read from {@code in} (after its magic) to {@code base}, into {@code out}. */
    void applyPlain(Path base, DataInputStream in, Path out, long size, String sha256) throws IOException, PatchException {
        MessageDigest md = Sha256.digest();
        try (FileChannel baseCh = FileChannel.open(base, StandardOpenOption.READ);
                FileChannel outCh = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            long target = in.readLong();
            if (target != size) {
                throw new PatchException("the patch produces " + target + " bytes, the release's file has " + size);
            }
            long baseSize = baseCh.size();
            long done = 0;
            while (done < target) {
                long baseOffset = in.readLong();
                int baseLength = in.readInt();
                int targetLength = in.readInt();
                int frameLength = in.readInt();
                if (baseOffset < 0 || baseLength < 0 || baseLength > PatchFormat.MAX_WINDOW || baseOffset > baseSize - baseLength
                        || targetLength < 1 || targetLength > PatchFormat.MAX_CHUNK || targetLength > target - done
                        || frameLength < 1 || frameLength > PatchFormat.MAX_FRAME) {
                    throw new PatchException("chunk at " + done + " is out of bounds (window " + baseOffset + "+" + baseLength
                            + " of " + baseSize + ", " + targetLength + " bytes, frame " + frameLength + ")");
                }
                readWindow(baseCh, baseOffset, baseLength);
                readFrame(in, frameLength);
                decompress(ctx, baseLength, targetLength, frameLength);
                write(outCh, md, targetLength);
                done += targetLength;
            }
            if (in.read() >= 0) {
                throw new PatchException("trailing bytes after the last chunk");
            }
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(sha256)) {
            throw new PatchException("the patched file's SHA-256 is " + actual + ", expected " + sha256);
        }
    }

    private void readWindow(FileChannel ch, long offset, int length) throws IOException, PatchException {
        window = ensure(window, length);
        window.clear().limit(length);
        if (!PatchFormat.readFully(ch, window, offset)) {
            throw new PatchException("the installed file ended while reading the patch's window");
        }
        window.flip();
    }

    private void readFrame(DataInputStream in, int length) throws IOException {
        frame = ensure(frame, length);
        frame.clear();
        int left = length;
        while (left > 0) {
            int n = Math.min(left, copy.length);
            in.readFully(copy, 0, n);
            frame.put(copy, 0, n);
            left -= n;
        }
        frame.flip();
    }

    private void decompress(ZstdDecompressCtx ctx, int baseLength, int targetLength, int frameLength) throws PatchException {
        chunk = ensure(chunk, targetLength);
        try {
            int n;
            if (baseLength > 0) {
                // By reference: the window is not copied; the context lets go of it before it closes.
                try (ZstdDictDecompress dict = new ZstdDictDecompress(window.duplicate(), true, ZstdDictContentType.RAW_CONTENT)) {
                    ctx.loadDict(dict);
                    try {
                        n = ctx.decompressDirectByteBuffer(chunk, 0, targetLength, frame, 0, frameLength);
                    } finally {
                        ctx.reset();
                    }
                }
            } else {
                n = ctx.decompressDirectByteBuffer(chunk, 0, targetLength, frame, 0, frameLength);
            }
            if (n != targetLength) {
                throw new PatchException("a chunk produced " + n + " bytes instead of " + targetLength);
            }
        } catch (ZstdException | IllegalStateException e) {
            throw new PatchException("zstd: " + e.getMessage(), e);
        }
    }

    private void write(FileChannel out, MessageDigest md, int length) throws IOException {
        ByteBuffer b = chunk.duplicate();
        b.clear().limit(length);
        md.update(b.duplicate());
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    private static ByteBuffer ensure(ByteBuffer b, int capacity) {
        return b.capacity() >= capacity ? b : ByteBuffer.allocateDirect(capacity);
    }
}
