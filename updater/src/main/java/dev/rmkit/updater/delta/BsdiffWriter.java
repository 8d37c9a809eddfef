package dev.rmkit.updater.delta;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a bsdiff patch (Colin Percival's algorithm, as in bsdiff 4.3) from an old file to a new
 * one: the new file is cut into pieces, each an "add" run (new minus old, byte by byte, against a
 * place in the old file found through its suffix array) followed by a "copy" run of new bytes. Code
 * recompiled with its line numbers shifted has its differences mostly zero, which compresses to
 * almost nothing, where an LZ patch must spell each changed byte out.
 *
 * <pre>
 * magic         8 bytes  "RMKBSD01"
 * targetSize    u64      size of the file the patch produces
 * controlFrame  u64      length of the control block's zstd frame
 * diffFrame     u64      length of the diff block's zstd frame
 * extraFrame    u64      length of the extra block's zstd frame
 * control       one zstd frame: triples of u64 add, u64 copy, s64 seek
 * diff          one zstd frame: the add runs' bytes (new - old, mod 256), one after the other
 * extra         one zstd frame: the copy runs' bytes
 * </pre>
 * Big-endian; the three frames fill the rest of the patch exactly; frames use a window of at most
 * 2^{@value #WINDOW_LOG}. Applying starts at old position 0; for each triple: add bytes are old
 * bytes (from the position) plus diff bytes, copy bytes come from extra, then the old position
 * advances by add and then by seek. Only the first triple may produce nothing. Publish holds both
 * files and the suffix array (8 bytes per old byte) in memory, hence the bound {@link #MAX_INPUT}.
 */
public final class BsdiffWriter {
    static final byte[] MAGIC = "RMKBSD01".getBytes(StandardCharsets.US_ASCII);
    /** The largest old or new file diffed this way: 32 MiB (at most about 540 MB of publish heap, {@link #heapNeeded}). */
    public static final long MAX_INPUT = 32L << 20;
    /** Window log of the three frames: the client decodes them with at most 8 MiB of window each. */
    static final int WINDOW_LOG = 23;
    static final int HEADER = 32;
    private static final int LEVEL = 19;

    private final byte[] old;
    private final byte[] cur;
    private final SuffixArray sa;
    private final DataOutputStream control;
    private final ByteArrayOutputStream controlBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream diff = new ByteArrayOutputStream();
    private final ByteArrayOutputStream extra = new ByteArrayOutputStream();
    private long[] pending;

    private BsdiffWriter(byte[] old, byte[] cur) {
        this.old = old;
        this.cur = cur;
        this.sa = SuffixArray.of(old);
        this.control = new DataOutputStream(controlBytes);
    }

    /** Writes the patch from {@code base} to {@code target} into {@code out} (must not exist); returns its size. */
    public static long write(Path base, Path target, Path out) throws IOException, PatchException {
        if (Files.size(base) > MAX_INPUT || Files.size(target) > MAX_INPUT) {
            throw new PatchException("too large for bsdiff (" + Files.size(base) + " and " + Files.size(target)
                    + " bytes; at most " + MAX_INPUT + ")");
        }
        long need = heapNeeded(Files.size(base), Files.size(target));
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free) {
            throw new PatchException("not enough heap for bsdiff (" + need + " bytes needed, " + free + " free)");
        }
        BsdiffWriter w = new BsdiffWriter(Files.readAllBytes(base), Files.readAllBytes(target));
        w.scan();
        byte[][] frames = {compress(w.controlBytes.toByteArray()), compress(w.diff.toByteArray()), compress(w.extra.toByteArray())};
        try (OutputStream raw = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW);
                DataOutputStream o = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
            o.write(MAGIC);
            o.writeLong(w.cur.length);
            for (byte[] f : frames) {
                o.writeLong(f.length);
            }
            for (byte[] f : frames) {
                o.write(f);
            }
        }
        return Files.size(out);
    }

    /**
     * A bound of the heap a patch needs: the old file with its suffix array and ranks (4 + 4 bytes a
     * byte; the ranks go after the sort), the new file, the diff and extra blocks (at most its size
     * together, up to twice that while they grow, once more copied out and once compressed), and
     * 64 MiB for zstd's level-19 tables.
     */
    static long heapNeeded(long oldSize, long newSize) {
        return 9 * oldSize + 5 * newSize + (64L << 20);
    }

    /** bsdiff's scan: find long approximate matches, extend them forwards and backwards, emit triples. */
    private void scan() throws IOException {
        int oldSize = old.length;
        int newSize = cur.length;
        int scan = 0;
        int len = 0;
        int lastScan = 0;
        int lastPos = 0;
        int lastOffset = 0;
        while (scan < newSize) {
            int oldScore = 0;
            int scsc = scan += len;
            for (; scan < newSize; scan++) {
                len = sa.longestMatch(cur, scan);
                for (; scsc < scan + len; scsc++) {
                    if (scsc + lastOffset < oldSize && old[scsc + lastOffset] == cur[scsc]) {
                        oldScore++;
                    }
                }
                if ((len == oldScore && len != 0) || len > oldScore + 8) {
                    break;
                }
                if (scan + lastOffset < oldSize && old[scan + lastOffset] == cur[scan]) {
                    oldScore--;
                }
            }
            if (len != oldScore || scan == newSize) {
                int pos = sa.matchPos();
                int lenf = forward(lastScan, lastPos, scan);
                int lenb = scan < newSize ? backward(lastScan, scan, pos) : 0;
                if (lastScan + lenf > scan - lenb) {
                    int overlap = (lastScan + lenf) - (scan - lenb);
                    int s = 0;
                    int best = 0;
                    int lens = 0;
                    for (int i = 0; i < overlap; i++) {
                        if (cur[lastScan + lenf - overlap + i] == old[lastPos + lenf - overlap + i]) {
                            s++;
                        }
                        if (cur[scan - lenb + i] == old[pos - lenb + i]) {
                            s--;
                        }
                        if (s > best) {
                            best = s;
                            lens = i + 1;
                        }
                    }
                    lenf += lens - overlap;
                    lenb -= lens;
                }
                for (int i = 0; i < lenf; i++) {
                    diff.write(cur[lastScan + i] - old[lastPos + i]);
                }
                int copy = (scan - lenb) - (lastScan + lenf);
                extra.write(cur, lastScan + lenf, copy);
                triple(lenf, copy, (long) (pos - lenb) - (lastPos + lenf));
                lastScan = scan - lenb;
                lastPos = pos - lenb;
                lastOffset = pos - scan;
            }
        }
        if (pending != null) {
            flush();
        }
    }

    /** The length of the prefix of the old run at lastPos that best matches new from lastScan (half or more equal). */
    private int forward(int lastScan, int lastPos, int scan) {
        int s = 0;
        int best = 0;
        int lenf = 0;
        for (int i = 0; lastScan + i < scan && lastPos + i < old.length; ) {
            if (old[lastPos + i] == cur[lastScan + i]) {
                s++;
            }
            i++;
            if (s * 2 - i > best * 2 - lenf) {
                best = s;
                lenf = i;
            }
        }
        return lenf;
    }

    private int backward(int lastScan, int scan, int pos) {
        int s = 0;
        int best = 0;
        int lenb = 0;
        for (int i = 1; scan >= lastScan + i && pos >= i; i++) {
            if (old[pos - i] == cur[scan - i]) {
                s++;
            }
            if (s * 2 - i > best * 2 - lenb) {
                best = s;
                lenb = i;
            }
        }
        return lenb;
    }

    /** Queues a triple; one that produces nothing only moves the old position, so it joins the one before. */
    private void triple(long add, long copy, long seek) throws IOException {
        if (pending != null && add == 0 && copy == 0) {
            pending[2] += seek;
            return;
        }
        if (pending != null) {
            flush();
        }
        pending = new long[] {add, copy, seek};
    }

    private void flush() throws IOException {
        control.writeLong(pending[0]);
        control.writeLong(pending[1]);
        control.writeLong(pending[2]);
    }

    private static byte[] compress(byte[] data) throws IOException {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(LEVEL);
            ctx.setWindowLog(WINDOW_LOG);
            ctx.setContentSize(true);
            return ctx.compress(data);
        } catch (ZstdException e) {
            throw new IOException("zstd: " + e.getMessage(), e);
        }
    }
}
