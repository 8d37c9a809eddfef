package dev.rmkit.burner.iso;

import java.nio.charset.StandardCharsets;

/**
 * ECMA-119 number and string fields. ISO 9660 stores most numbers "both-endian" (little-endian copy
 * followed by a big-endian copy, §7.2.3 and §7.3.3) so that either kind of machine reads them
 * directly; readers here trust the little-endian half, as the Linux kernel does.
 */
final class IsoBytes {

    /** The logical block (sector) size of every disc this burner writes. */
    static final int SECTOR = 2048;

    private IsoBytes() {}

    static void putLe16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void putBe16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putLe32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putBe32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + 3 - i] = (byte) (v >>> (8 * i));
        }
    }

    /** 7.2.3: a 16-bit number as LE then BE (4 bytes). */
    static void putBoth16(byte[] b, int off, int v) {
        putLe16(b, off, v);
        putBe16(b, off + 2, v);
    }

    /** 7.3.3: a 32-bit number as LE then BE (8 bytes). */
    static void putBoth32(byte[] b, int off, long v) {
        putLe32(b, off, v);
        putBe32(b, off + 4, v);
    }

    static int le16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static long le32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16
                | (b[off + 3] & 0xffL) << 24;
    }

    static long be32(byte[] b, int off) {
        return (b[off] & 0xffL) << 24 | (b[off + 1] & 0xffL) << 16 | (b[off + 2] & 0xffL) << 8
                | (b[off + 3] & 0xffL);
    }

    /** An a- or d-character field: ASCII, padded with spaces to {@code len}. */
    static void putAscii(byte[] b, int off, int len, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < len; i++) {
            b[off + i] = i < v.length ? v[i] : (byte) ' ';
        }
    }

    /** A Joliet text field: UCS-2 big-endian, padded with UCS-2 spaces to {@code len} bytes. */
    static void putUcs2(byte[] b, int off, int len, String s) {
        byte[] v = s.getBytes(StandardCharsets.UTF_16BE);
        for (int i = 0; i + 1 < len; i += 2) {
            if (i + 1 < v.length) {
                b[off + i] = v[i];
                b[off + i + 1] = v[i + 1];
            } else {
                b[off + i] = 0;
                b[off + i + 1] = ' ';
            }
        }
    }

    static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.US_ASCII).stripTrailing();
    }

    static String ucs2(byte[] b, int off, int len) {
        return new String(b, off, len & ~1, StandardCharsets.UTF_16BE).stripTrailing();
    }

    /** Number of sectors needed for {@code bytes} bytes. */
    static long sectors(long bytes) {
        return (bytes + SECTOR - 1) / SECTOR;
    }
}
