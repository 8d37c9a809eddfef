package dev.rmkit.updater.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The patch file: a header, then chunks, each rebuilding one piece of the new file from one window
 * of the old one with a zstd frame whose dictionary is that window (what {@code zstd --patch-from}
 * does, cut into pieces so memory stays bounded whatever the file's size).
 *
 * <pre>
 * magic        8 bytes  "RMKZPAT1"
 * targetSize   u64      size of the file the patch produces
 * chunk*       until targetSize bytes are produced:
 *   baseOffset   u64    where the chunk's window starts in the old file
 *   baseLength   u32    window length, at most {@link #MAX_WINDOW}
 *   targetLength u32    bytes this chunk produces, 1 to {@link #MAX_CHUNK}
 *   frameLength  u32    length of the zstd frame that follows, at most {@link #MAX_FRAME}
 *   frame        frameLength bytes: one zstd frame, raw-content dictionary = the window
 * </pre>
 * Big-endian numbers; nothing may follow the last chunk. The limits are what bounds the applying
 * side's memory: a window, a frame and a chunk at a time (about 64 MiB), so a 1 GB file patches
 * under the updater's 256 MB bound. The patch's SHA-256 is in the signed manifest, so these bytes are
 * authenticated before they are parsed; the limits are checked anyway.
 */
public final class PatchFormat {
    static final byte[] MAGIC = "RMKZPAT1".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of new content per chunk. */
    public static final int MAX_CHUNK = 16 << 20;
    /** Old content around a chunk's position that its frame may copy from, on each side. */
    static final int MARGIN = 8 << 20;
    /** The largest window: a chunk's span plus the margin on both sides. */
    public static final int MAX_WINDOW = MAX_CHUNK + 2 * MARGIN;
    /** The largest frame accepted: zstd's bound for a chunk (incompressible data plus headers). */
    public static final int MAX_FRAME = MAX_CHUNK + (MAX_CHUNK >>> 8) + (128 << 10);
    static final int HEADER = 16;
    static final int CHUNK_HEADER = 20;

    private PatchFormat() {}

    /** Fills {@code into} from {@code ch} at {@code offset}; false if the file ends first. */
    static boolean readFully(FileChannel ch, ByteBuffer into, long offset) throws IOException {
        long pos = offset;
        while (into.hasRemaining()) {
            int n = ch.read(into, pos);
            if (n < 0) {
                return false;
            }
            pos += n;
        }
        return true;
    }
}
