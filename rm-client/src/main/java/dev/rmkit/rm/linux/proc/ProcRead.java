package dev.rmkit.rm.linux.proc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a {@code /proc} file into a buffer of the calling thread, reused from one read to the next: a holder
 * scan reads {@code stat} and {@code maps} of every process, and {@link java.nio.file.Files#readAllBytes}
 * costs each of them an {@code fstat} (always 0 bytes on /proc) and a new array, grown by copying for a
 * large {@code maps}. Errors are those of {@link java.nio.file.Files} (AccessDeniedException,
 * NoSuchFileException).
 */
final class ProcRead {

    private static final int MIN_FREE = 16 * 1024;

    private static final ThreadLocal<ProcRead> BUFFER = ThreadLocal.withInitial(ProcRead::new);

    /** The bytes read, valid until this thread's next {@link #of}. */
    byte[] bytes = new byte[4 * MIN_FREE];
    int length;

    private ProcRead() {}

    /** The whole content of {@code file}, in this thread's buffer. */
    static ProcRead of(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * The whole content of a file that the kernel generates in one piece ({@code seq_file}'s
     * {@code single_open}, as {@code /proc/PID/stat}): a read that leaves room in the buffer returned all of
     * it, so the read that would return 0 is not made.
     */
    static ProcRead ofSingleRecord(Path file) throws IOException {
        return read(file, true);
    }

    private static ProcRead read(Path file, boolean single) throws IOException {
        ProcRead r = BUFFER.get();
        r.length = 0;
        try (FileChannel ch = FileChannel.open(file)) {
            while (true) {
                if (r.bytes.length - r.length < MIN_FREE) {
                    r.bytes = Arrays.copyOf(r.bytes, r.bytes.length * 2);
                }
                int room = r.bytes.length - r.length;
                int n = ch.read(ByteBuffer.wrap(r.bytes, r.length, room));
                if (n < 0) {
                    return r;
                }
                r.length += n;
                if (single && n > 0 && n < room) {
                    return r;
                }
            }
        }
    }
}
