package dev.rmkit.updater.delta;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a patch ({@link PatchFormat}) from an old file to a new one: the new file in chunks of
 * {@link PatchFormat#MAX_CHUNK}, each compressed by zstd with, as raw-content dictionary, the window
 * of the old file around the same relative position, long-distance matching on and a window log
 * covering dictionary and chunk (what {@code zstd --patch-from} sets). Files of one chunk get zstd
 * level 19; larger ones level 9 with hash and chain tables as large as the window, so publishing a
 * gigabyte stays minutes, not hours. (At the default table sizes of levels below 13, zstd ignores
 * most of a dictionary this large: measured, a 16 MiB chunk against its 32 MiB window compressed to
 * 16 MiB instead of 1.5 KB; {@code --patch-from} enlarges the tables the same way.)
 */
public final class PatchWriter {
    /** Files up to this size get the slow, strongest level. */
    static final long HIGH_LEVEL_LIMIT = PatchFormat.MAX_CHUNK;
    /** Hash and chain tables of 2^25 entries (128 MiB each) index a whole window. */
    private static final int TABLE_LOG_MAX = 25;

    private PatchWriter() {}

    /** Writes the patch that turns {@code base} into {@code target} to {@code out}; returns its size. */
    public static long write(Path base, Path target, Path out) throws IOException {
        long targetSize = Files.size(target);
        int level = targetSize <= HIGH_LEVEL_LIMIT ? 19 : 9;
        try (FileChannel baseCh = FileChannel.open(base, StandardOpenOption.READ);
                FileChannel targetCh = FileChannel.open(target, StandardOpenOption.READ);
                OutputStream raw = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW);
                DataOutputStream o = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
            long baseSize = baseCh.size();
            o.write(PatchFormat.MAGIC);
            o.writeLong(targetSize);
            byte[] frame = new byte[(int) Zstd.compressBound(PatchFormat.MAX_CHUNK)];
            for (long done = 0; done < targetSize; ) {
                int length = (int) Math.min(PatchFormat.MAX_CHUNK, targetSize - done);
                long windowStart = windowStart(done, targetSize, baseSize);
                int windowLength = (int) Math.min(PatchFormat.MAX_WINDOW, baseSize - windowStart);
                byte[] chunk = read(targetCh, done, length);
                byte[] window = read(baseCh, windowStart, windowLength);
                int n = compress(chunk, window, frame, level);
                o.writeLong(windowStart);
                o.writeInt(windowLength);
                o.writeInt(length);
                o.writeInt(n);
                o.write(frame, 0, n);
                done += length;
            }
        }
        return Files.size(out);
    }

    /** Where the old file's window for the chunk at {@code offset} starts: same relative place, minus the margin. */
    static long windowStart(long offset, long targetSize, long baseSize) {
        if (baseSize <= PatchFormat.MAX_WINDOW) {
            return 0;
        }
        long center = (long) ((double) offset / targetSize * baseSize);
        return Math.max(0, Math.min(center - PatchFormat.MARGIN, baseSize - PatchFormat.MAX_WINDOW));
    }

    private static int compress(byte[] chunk, byte[] window, byte[] frame, int level) throws IOException {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level);
            ctx.setChecksum(true);
            ctx.setContentSize(true);
            int windowLog = windowLog(window.length + (long) chunk.length);
            ctx.setWindowLog(windowLog);
            if (level < 19) {
                ctx.setHashLog(Math.min(windowLog, TABLE_LOG_MAX));
                ctx.setChainLog(Math.min(windowLog, TABLE_LOG_MAX));
            }
            ctx.setEnableLongDistanceMatching(Zstd.ParamSwitch.ENABLE);
            if (window.length > 0) {
                ctx.loadDict(window, ZstdDictContentType.RAW_CONTENT);
            }
            return ctx.compressByteArray(frame, 0, frame.length, chunk, 0, chunk.length);
        } catch (ZstdException e) {
            throw new IOException("zstd: " + e.getMessage(), e);
        }
    }

    /** The smallest window log (10 to 27) whose window spans dictionary and chunk. */
    static int windowLog(long span) {
        int log = 10;
        while (log < 27 && (1L << log) < span) {
            log++;
        }
        return log;
    }

    private static byte[] read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        if (!PatchFormat.readFully(ch, b, offset)) {
            throw new IOException("file shrank while being read");
        }
        return b.array();
    }
}
