package dev.rmkit.updater.delta;

import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.rmkit.updater.hash.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Applies a bsdiff patch ({@link BsdiffWriter}) streaming: the old file is read where the triples
 * point through a FileChannel, the three blocks are decompressed as streams from their places in the
 * patch file (each with at most 2^{@value BsdiffWriter#WINDOW_LOG} bytes of window), and the output
 * is written as it is produced, so memory is a few small buffers whatever the files' sizes. Every
 * number is checked before it is used; any inconsistency is a PatchException.
 */
final class BsdiffPatcher {
    private static final int BUFFER = 64 * 1024;
    private final byte[] a = new byte[BUFFER];
    private final byte[] b = new byte[BUFFER];

    /**
     * Writes {@code out} from {@code base} and the bsdiff patch that starts in {@code patch} at
     * {@code offset} (just after its magic) and runs to the file's end; the result must have
     * {@code size} bytes with SHA-256 {@code sha256}.
     */
    void apply(Path base, Path patch, long offset, Path out, long size, String sha256) throws IOException, PatchException {
        MessageDigest md = Sha256.digest();
        try (FileChannel p = FileChannel.open(patch, StandardOpenOption.READ);
                FileChannel old = FileChannel.open(base, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(BsdiffWriter.HEADER);
            if (!PatchFormat.readFully(p, h, offset)) {
                throw new PatchException("the bsdiff patch ends in its header");
            }
            long target = h.getLong(0);
            if (target != size) {
                throw new PatchException("the patch produces " + target + " bytes, the expected file has " + size);
            }
            long[] frames = {h.getLong(8), h.getLong(16), h.getLong(24)};
            long at = offset + BsdiffWriter.HEADER;
            long left = p.size() - at;
            for (long f : frames) {
                if (f < 0 || f > left) {
                    throw new PatchException("the bsdiff blocks (" + frames[0] + ", " + frames[1] + ", " + frames[2]
                            + " bytes) do not fill the rest of the patch (" + (p.size() - at) + " bytes)");
                }
                left -= f;
            }
            if (left != 0) {
                throw new PatchException("trailing bytes after the bsdiff blocks");
            }
            try (DataInputStream control = new DataInputStream(new BufferedInputStream(block(p, at, frames[0])));
                    InputStream diff = block(p, at + frames[0], frames[1]);
                    InputStream extra = block(p, at + frames[0] + frames[1], frames[2]);
                    OutputStream o = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(out), BUFFER), md)) {
                run(control, diff, extra, old, target, o);
            } catch (EOFException e) {
                throw new PatchException("a bsdiff block ends before the file is complete", e);
            } catch (ZstdIOException | ZstdException e) {
                throw new PatchException("a bsdiff block does not decode: " + e.getMessage(), e);
            }
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(sha256)) {
            throw new PatchException("the patched file's SHA-256 is " + actual + ", expected " + sha256);
        }
    }

    private void run(DataInputStream control, InputStream diff, InputStream extra, FileChannel old, long target, OutputStream o)
            throws IOException, PatchException {
        long oldSize = old.size();
        long oldPos = 0;
        long done = 0;
        boolean first = true;
        while (done < target) {
            long add = control.readLong();
            long copy = control.readLong();
            long seek = control.readLong();
            if (add < 0 || copy < 0 || add > target - done || copy > target - done - add || (add == 0 && copy == 0 && !first)) {
                throw new PatchException("a bsdiff triple at " + done + " is out of bounds (add " + add + ", copy " + copy
                        + ", " + (target - done) + " bytes left)");
            }
            if (add > oldSize - oldPos) {
                throw new PatchException("a bsdiff triple at " + done + " adds " + add + " old bytes from " + oldPos
                        + ", past the old file's " + oldSize);
            }
            addRun(diff, old, oldPos, add, o);
            copyRun(extra, copy, o);
            done += add + copy;
            oldPos += add;
            if (seek < -oldPos || seek > oldSize - oldPos) {
                throw new PatchException("a bsdiff triple at " + done + " seeks to " + oldPos + (seek >= 0 ? "+" : "") + seek
                        + ", outside the old file's " + oldSize + " bytes");
            }
            oldPos += seek;
            first = false;
        }
        for (InputStream s : new InputStream[] {control, diff, extra}) {
            if (s.read() >= 0) {
                throw new PatchException("trailing bytes in a bsdiff block");
            }
        }
    }

    private void addRun(InputStream diff, FileChannel old, long pos, long length, OutputStream o) throws IOException, PatchException {
        for (long n = 0; n < length; ) {
            int k = (int) Math.min(BUFFER, length - n);
            readFully(diff, a, k);
            if (!PatchFormat.readFully(old, ByteBuffer.wrap(b, 0, k), pos + n)) {
                throw new PatchException("the old file ended while patching");
            }
            for (int i = 0; i < k; i++) {
                a[i] += b[i];
            }
            o.write(a, 0, k);
            n += k;
        }
    }

    private void copyRun(InputStream extra, long length, OutputStream o) throws IOException {
        for (long n = 0; n < length; ) {
            int k = (int) Math.min(BUFFER, length - n);
            readFully(extra, a, k);
            o.write(a, 0, k);
            n += k;
        }
    }

    private static void readFully(InputStream in, byte[] into, int length) throws IOException {
        for (int n = 0; n < length; ) {
            int r = in.read(into, n, length - n);
            if (r < 0) {
                throw new EOFException();
            }
            n += r;
        }
    }

    /** The zstd frame at {@code offset} of {@code p}, {@code length} bytes, decompressed as a stream. */
    private static InputStream block(FileChannel p, long offset, long length) throws IOException {
        ZstdInputStreamNoFinalizer z = new ZstdInputStreamNoFinalizer(new Slice(p, offset, length));
        z.setLongMax(BsdiffWriter.WINDOW_LOG);
        return z;
    }

    /** A window of a file read with positional reads: streams on one channel do not share a position. */
    private static final class Slice extends InputStream {
        private final FileChannel ch;
        private long pos;
        private final long end;

        Slice(FileChannel ch, long offset, long length) {
            this.ch = ch;
            this.pos = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(into, off, (int) Math.min(len, end - pos)), pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }
    }
}
