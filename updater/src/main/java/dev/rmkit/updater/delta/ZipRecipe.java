package dev.rmkit.updater.delta;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * How the expanded form of a zip collapses back into the zip: its segments in order, each either raw
 * (copied as is) or deflate (re-deflated with {@link java.util.zip.Deflater}, {@code nowrap}, the
 * given level and strategy, which must produce exactly {@code deflatedLength} bytes). Encoded as
 * <pre>
 * count        varint   number of segments, at most {@link #MAX_SEGMENTS}
 * segment*     kind u8: 0 raw, then varint length
 *                       1 deflate, then varint length (inflated), varint deflatedLength,
 *                         u8 level (0-9), u8 strategy (0 default, 1 filtered, 2 Huffman only)
 * </pre>
 * varints are unsigned LEB128 (7 bits a byte, least significant first, at most 9 bytes, below 2^63).
 */
final class ZipRecipe {
    /** Two segments per entry (header and data) and one for the central directory. */
    static final int MAX_SEGMENTS = 2 * 65_535 + 2;
    /** The largest encoded recipe: MAX_SEGMENTS of at most 21 bytes. */
    static final int MAX_ENCODED = MAX_SEGMENTS * 21 + 9;

    /** One stretch of the expanded form. {@code level} is -1 for raw segments (and a base's). */
    record Segment(boolean deflate, long length, long deflatedLength, int level, int strategy) {
        static Segment raw(long length) {
            return new Segment(false, length, length, -1, 0);
        }
    }

    private ZipRecipe() {}

    static byte[] encode(List<Segment> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, segments.size());
        for (Segment s : segments) {
            out.write(s.deflate() ? 1 : 0);
            varint(out, s.length());
            if (s.deflate()) {
                varint(out, s.deflatedLength());
                out.write(s.level());
                out.write(s.strategy());
            }
        }
        return out.toByteArray();
    }

    /** The segments of {@code encoded}; they must expand to {@code expandedSize} and collapse to {@code size}. */
    static List<Segment> decode(byte[] encoded, long expandedSize, long size) throws PatchException {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        long count = varint(in);
        if (count < 1 || count > MAX_SEGMENTS) {
            throw new PatchException("recipe has " + count + " segments");
        }
        List<Segment> segments = new ArrayList<>((int) count);
        long expanded = 0;
        long collapsed = 0;
        for (long i = 0; i < count; i++) {
            int kind = u8(in);
            long length = varint(in);
            Segment s;
            if (kind == 0) {
                s = Segment.raw(length);
            } else if (kind == 1) {
                long deflated = varint(in);
                int level = u8(in);
                int strategy = u8(in);
                if (level > Deflater.BEST_COMPRESSION || strategy > Deflater.HUFFMAN_ONLY || deflated < 1) {
                    throw new PatchException("recipe segment " + i + " has level " + level + ", strategy " + strategy);
                }
                s = new Segment(true, length, deflated, level, strategy);
            } else {
                throw new PatchException("recipe segment " + i + " has unknown kind " + kind);
            }
            expanded += s.length();
            collapsed += s.deflatedLength();
            if (expanded > expandedSize || collapsed > size) {
                throw new PatchException("recipe segment " + i + " runs past the expanded or the collapsed size");
            }
            segments.add(s);
        }
        if (in.hasRemaining() || expanded != expandedSize || collapsed != size) {
            throw new PatchException("recipe covers " + expanded + " expanded / " + collapsed + " bytes, expected "
                    + expandedSize + " / " + size);
        }
        return segments;
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long varint(ByteBuffer in) throws PatchException {
        long v = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = u8(in);
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (v < 0) {
                    break;
                }
                return v;
            }
        }
        throw new PatchException("recipe has a number of more than 63 bits");
    }

    private static int u8(ByteBuffer in) throws PatchException {
        if (!in.hasRemaining()) {
            throw new PatchException("recipe ends early");
        }
        return in.get() & 0xFF;
    }
}
