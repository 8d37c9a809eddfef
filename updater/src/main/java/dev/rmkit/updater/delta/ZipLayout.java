package dev.rmkit.updater.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a zip's entries lie, read strictly from its central directory: the end record must be the
 * file's last bytes (after its comment), every entry must point at a local header that agrees on the
 * name's length, entries may not overlap each other or the central directory, and every limit of
 * {@link ZipLimits} holds before anything is inflated. Zip64, multi-disk and encrypted archives are
 * refused or left alone, never guessed at. Reading allocates at most the central directory, itself
 * bounded.
 */
final class ZipLayout {
    /** Local file header signature, "PK\3\4": a file is a zip candidate if it starts with it. */
    static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    /** The largest central directory read: 65535 entries of 46 bytes plus their names and fields. */
    private static final int MAX_DIRECTORY = 32 << 20;

    /**
     * One entry's data.
     *
     * @param headerOffset where its local header starts
     * @param dataOffset where its (compressed) data starts
     * @param compressedSize bytes of data in the file
     * @param size uncompressed size the archive claims
     * @param deflated method 8 and not encrypted: a candidate for expansion
     */
    record Entry(long headerOffset, long dataOffset, long compressedSize, long size, boolean deflated) {
        long dataEnd() {
            return dataOffset + compressedSize;
        }
    }

    private ZipLayout() {}

    /** Whether {@code ch} starts with a local file header (cheap; says nothing about the rest). */
    static boolean looksLikeZip(FileChannel ch) throws IOException {
        ByteBuffer b = le(4);
        return ch.size() >= 4 + END_SIZE && PatchFormat.readFully(ch, b, 0) && b.getInt(0) == LOCAL;
    }

    /** The entries in file order; PatchException ("not expandable: …") for anything this class refuses. */
    static List<Entry> read(FileChannel ch, ZipLimits limits) throws IOException, PatchException {
        long size = ch.size();
        if (!looksLikeZip(ch)) {
            throw refused("no local file header at offset 0");
        }
        long end = findEnd(ch, size);
        ByteBuffer e = at(ch, end, END_SIZE);
        int disk = e.getShort(4) & 0xFFFF;
        int cdDisk = e.getShort(6) & 0xFFFF;
        int onDisk = e.getShort(8) & 0xFFFF;
        int count = e.getShort(10) & 0xFFFF;
        long cdSize = e.getInt(12) & 0xFFFFFFFFL;
        long cdOffset = e.getInt(16) & 0xFFFFFFFFL;
        if (disk != 0 || cdDisk != 0 || onDisk != count) {
            throw refused("multi-disk archive");
        }
        if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            throw refused("zip64 archive");
        }
        if (count > limits.maxEntries()) {
            throw refused(count + " entries, more than " + limits.maxEntries());
        }
        if (cdSize > MAX_DIRECTORY || cdOffset + cdSize != end) {
            throw refused("central directory at " + cdOffset + "+" + cdSize + " does not end at the end record " + end);
        }
        ByteBuffer cd = at(ch, cdOffset, (int) cdSize);
        List<Entry> entries = new ArrayList<>(count);
        int p = 0;
        long claimed = 0;
        for (int i = 0; i < count; i++) {
            if (p + 46 > cdSize || cd.getInt(p) != CENTRAL) {
                throw refused("central directory entry " + i + " is malformed");
            }
            int flags = cd.getShort(p + 8) & 0xFFFF;
            int method = cd.getShort(p + 10) & 0xFFFF;
            long csize = cd.getInt(p + 20) & 0xFFFFFFFFL;
            long usize = cd.getInt(p + 24) & 0xFFFFFFFFL;
            int nameLength = cd.getShort(p + 28) & 0xFFFF;
            int variable = nameLength + (cd.getShort(p + 30) & 0xFFFF) + (cd.getShort(p + 32) & 0xFFFF);
            long header = cd.getInt(p + 42) & 0xFFFFFFFFL;
            p += 46 + variable;
            if (p > cdSize) {
                throw refused("central directory entry " + i + " runs past the directory");
            }
            boolean deflated = method == 8 && (flags & 1) == 0;
            if (deflated && usize > csize * ZipLimits.DEFLATE_MAX_RATIO + 1024) {
                throw refused("entry " + i + " claims " + usize + " bytes from " + csize + ", more than deflate can expand");
            }
            claimed += deflated ? usize : csize;
            entries.add(local(ch, i, header, nameLength, csize, usize, deflated, cdOffset));
        }
        if (p != cdSize) {
            throw refused("central directory has " + (cdSize - p) + " bytes after its last entry");
        }
        long max = limits.maxExpanded(size);
        if (claimed > max) {
            throw refused("entries claim " + claimed + " bytes, more than the limit of " + max);
        }
        entries.sort(Comparator.comparingLong(Entry::headerOffset));
        long previousEnd = 0;
        for (Entry en : entries) {
            if (en.headerOffset() < previousEnd) {
                throw refused("entries overlap at offset " + en.headerOffset());
            }
            previousEnd = en.dataEnd();
        }
        return entries;
    }

    private static Entry local(FileChannel ch, int i, long header, int nameLength, long csize, long usize, boolean deflated,
            long cdOffset) throws IOException, PatchException {
        if (header > cdOffset - 30) {
            throw refused("entry " + i + " has its local header at " + header + ", past the central directory");
        }
        ByteBuffer l = at(ch, header, 30);
        if (l.getInt(0) != LOCAL || (l.getShort(26) & 0xFFFF) != nameLength) {
            throw refused("entry " + i + " has no matching local header at " + header);
        }
        long data = header + 30 + nameLength + (l.getShort(28) & 0xFFFF);
        if (data + csize > cdOffset) {
            throw refused("entry " + i + "'s data (" + data + "+" + csize + ") runs into the central directory");
        }
        return new Entry(header, data, csize, usize, deflated);
    }

    /** The end record's offset: the last "PK\5\6" whose comment length reaches exactly the file's end. */
    private static long findEnd(FileChannel ch, long size) throws IOException, PatchException {
        int tail = (int) Math.min(size, END_SIZE + MAX_COMMENT);
        ByteBuffer t = at(ch, size - tail, tail);
        for (int i = tail - END_SIZE; i >= 0; i--) {
            if (t.getInt(i) == END && i + END_SIZE + (t.getShort(i + 20) & 0xFFFF) == tail) {
                return size - tail + i;
            }
        }
        throw refused("no end of central directory record");
    }

    private static ByteBuffer at(FileChannel ch, long offset, int length) throws IOException, PatchException {
        ByteBuffer b = le(length);
        if (offset < 0 || !PatchFormat.readFully(ch, b, offset)) {
            throw refused("truncated at " + offset);
        }
        return b;
    }

    private static ByteBuffer le(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    static PatchException refused(String why) {
        return new PatchException("not expandable: " + why);
    }
}
