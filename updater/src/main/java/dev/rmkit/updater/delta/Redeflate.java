package dev.rmkit.updater.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Streams one deflate segment in either direction through two 64 KiB buffers, whatever its size:
 * inflating an entry of a zip, and deflating inflated bytes with a recipe. Publish checks a recipe and
 * the client collapses with the same {@link #deflate} (same input pieces, same calls), so the only
 * thing that can differ between them is the zlib underneath, and the hashes catch that.
 */
final class Redeflate {
    private static final int BUFFER = 64 * 1024;

    /** Receives output; false stops the stream (a mismatch found). */
    interface Sink {
        boolean accept(byte[] b, int n) throws IOException;
    }

    private final byte[] in = new byte[BUFFER];
    private final byte[] out = new byte[BUFFER];

    /**
     * Inflates {@code compressedSize} bytes of {@code src} at {@code offset} into {@code sink}; the
     * stream must end exactly at the last byte given and produce exactly {@code size} bytes (never
     * more is produced: a longer stream is refused once it passes {@code size}).
     */
    void inflate(FileChannel src, long offset, long compressedSize, long size, Sink sink) throws IOException, PatchException {
        Inflater inflater = new Inflater(true);
        try {
            long read = 0;
            long produced = 0;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (read == compressedSize) {
                        throw ZipLayout.refused("an entry's deflate stream is longer than its " + compressedSize + " bytes");
                    }
                    int n = (int) Math.min(BUFFER, compressedSize - read);
                    readFully(src, offset + read, n);
                    read += n;
                    inflater.setInput(in, 0, n);
                } else if (inflater.needsDictionary()) {
                    throw ZipLayout.refused("an entry needs a preset dictionary");
                }
                int n = inflater.inflate(out, 0, (int) Math.min(BUFFER, size - produced + 1));
                produced += n;
                if (produced > size) {
                    throw ZipLayout.refused("an entry inflates to more than its claimed " + size + " bytes");
                }
                sink.accept(out, n);
            }
            if (inflater.getRemaining() != 0 || read != compressedSize || produced != size) {
                throw ZipLayout.refused("an entry's deflate stream ends at " + (read - inflater.getRemaining()) + " of "
                        + compressedSize + " bytes with " + produced + " of " + size + " bytes");
            }
        } catch (DataFormatException e) {
            throw ZipLayout.refused("an entry is not valid deflate data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /**
     * Deflates {@code length} bytes of {@code src} at {@code offset} with {@code level} and
     * {@code strategy}, raw (nowrap), into {@code sink}; returns the bytes produced, or -1 if the sink
     * stopped the stream.
     */
    long deflate(FileChannel src, long offset, long length, int level, int strategy, Sink sink) throws IOException {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setStrategy(strategy);
            long read = 0;
            long produced = 0;
            while (!deflater.finished()) {
                if (deflater.needsInput() && read < length) {
                    int n = (int) Math.min(BUFFER, length - read);
                    readFully(src, offset + read, n);
                    read += n;
                    deflater.setInput(in, 0, n);
                    if (read == length) {
                        deflater.finish();
                    }
                } else if (length == 0) {
                    deflater.finish();
                }
                int n = deflater.deflate(out, 0, BUFFER, Deflater.NO_FLUSH);
                produced += n;
                if (n > 0 && !sink.accept(out, n)) {
                    return -1;
                }
            }
            return produced;
        } finally {
            deflater.end();
        }
    }

    private void readFully(FileChannel src, long offset, int n) throws IOException {
        if (!PatchFormat.readFully(src, ByteBuffer.wrap(in, 0, n), offset)) {
            throw new IOException("file ended at " + offset);
        }
    }
}
