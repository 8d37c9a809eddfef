package dev.rmkit.updater.delta;

import dev.rmkit.updater.delta.ZipRecipe.Segment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The expanded form of a zip: its bytes with the data of each deflated entry replaced by the
 * inflated content, so that a patch between two releases of a jar sees the classes that changed, not
 * their unrelated compressed bytes. A base is expanded without recipes (inflating is deterministic,
 * so publisher and client compute the same bytes whatever their zlib). A target is expanded with
 * them: an entry stays inflated only if re-deflating it with one of {@link #RECIPES} reproduces its
 * compressed bytes exactly; otherwise its bytes are kept raw. Everything outside entry data (headers,
 * data descriptors, the central directory) is raw.
 */
final class ZipExpansion {
    /**
     * The recipes tried, in order, as {level, strategy}: zlib's default level first (what
     * java.util.zip, the jar tool and Maven write), then 9, the other levels, then the two other
     * strategies at the default level. The first that reproduces the entry wins.
     */
    static final int[][] RECIPES = {{6, 0}, {9, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {7, 0}, {8, 0},
            {6, Deflater.FILTERED}, {6, Deflater.HUFFMAN_ONLY}};

    private final Redeflate redeflate = new Redeflate();
    private final ZipLimits limits;

    ZipExpansion(ZipLimits limits) {
        this.limits = limits;
    }

    /** Whether {@code file} starts like a zip (then {@link #expand} may still refuse it). */
    static boolean looksLikeZip(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ZipLayout.looksLikeZip(ch);
        }
    }

    /**
     * Writes the expanded form of {@code zip} to {@code out} (created, must not exist) and returns its
     * segments; with {@code recipes} false every inflatable entry is expanded and no recipe is looked
     * for. PatchException if the zip is refused ({@link ZipLayout}, {@link ZipLimits}).
     */
    List<Segment> expand(Path zip, Path out, boolean recipes) throws IOException, PatchException {
        try (FileChannel in = FileChannel.open(zip, StandardOpenOption.READ);
                FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
            List<ZipLayout.Entry> entries = ZipLayout.read(in, limits);
            long max = limits.maxExpanded(in.size());
            List<Segment> segments = new ArrayList<>();
            long pos = 0;
            for (ZipLayout.Entry e : entries) {
                if (!e.deflated()) {
                    continue;
                }
                raw(in, pos, e.dataOffset(), o, segments);
                if (o.size() + e.size() > max) {
                    throw ZipLayout.refused("the expanded form passes the limit of " + max + " bytes");
                }
                long start = o.size();
                redeflate.inflate(in, e.dataOffset(), e.compressedSize(), e.size(), (b, n) -> write(o, b, n));
                int[] recipe = recipes ? recipeFor(o, start, e.size(), in, e) : new int[] {-1, 0};
                if (recipe == null) {
                    o.truncate(start);
                    o.position(start);
                    raw(in, e.dataOffset(), e.dataEnd(), o, segments);
                } else {
                    segments.add(new Segment(true, e.size(), e.compressedSize(), recipe[0], recipe[1]));
                }
                pos = e.dataEnd();
            }
            raw(in, pos, in.size(), o, segments);
            return segments;
        }
    }

    /** The first recipe that re-deflates the inflated entry at {@code start} into its exact bytes, or null. */
    private int[] recipeFor(FileChannel expanded, long start, long length, FileChannel zip, ZipLayout.Entry e)
            throws IOException {
        ByteBuffer expected = ByteBuffer.allocate(64 * 1024);
        for (int[] r : RECIPES) {
            long[] at = {0};
            Redeflate.Sink same = (b, n) -> {
                if (at[0] + n > e.compressedSize()) {
                    return false;
                }
                expected.clear().limit(n);
                if (!PatchFormat.readFully(zip, expected, e.dataOffset() + at[0])) {
                    return false;
                }
                at[0] += n;
                return expected.flip().equals(ByteBuffer.wrap(b, 0, n));
            };
            if (redeflate.deflate(expanded, start, length, r[0], r[1], same) == e.compressedSize()) {
                return r;
            }
        }
        return null;
    }

    /** Copies {@code zip[from, to)} to the end of {@code out} as a raw segment, merged with a raw one before it. */
    private static void raw(FileChannel zip, long from, long to, FileChannel out, List<Segment> segments) throws IOException {
        if (to <= from) {
            return;
        }
        long done = from;
        while (done < to) {
            long n = zip.transferTo(done, to - done, out);
            if (n <= 0) {
                throw new IOException("the zip shrank while being expanded");
            }
            done += n;
        }
        int last = segments.size() - 1;
        if (last >= 0 && !segments.get(last).deflate()) {
            segments.set(last, Segment.raw(segments.get(last).length() + to - from));
        } else {
            segments.add(Segment.raw(to - from));
        }
    }

    private static boolean write(FileChannel out, byte[] b, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, n);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        return true;
    }
}
