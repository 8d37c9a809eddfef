package dev.rmkit.burner.iso;

import java.time.Instant;
import java.util.Objects;

/**
 * One ECMA-119 directory record (§9.1). The extent is an ABSOLUTE logical block address, which is
 * what makes multi-session work: a new session's record can point at a file written sessions ago.
 *
 * @param extent first block of the file or directory
 * @param size data length in bytes
 * @param recorded recording time (stored as UTC)
 * @param directory whether the directory flag (bit 1) is set
 * @param identifier the raw file identifier: {@code 0x00} for ".", {@code 0x01} for "..", otherwise
 *     d-characters (primary tree) or UCS-2 big-endian (Joliet)
 */
public record DirectoryRecord(long extent, long size, Instant recorded, boolean directory, byte[] identifier) {

    static final int FIXED = 33;
    static final byte[] SELF = {0};
    static final byte[] PARENT = {1};

    public DirectoryRecord {
        Objects.requireNonNull(recorded, "recorded");
        identifier = identifier.clone();
        if (identifier.length < 1 || identifier.length > 222) {
            throw new IllegalArgumentException("identifier length " + identifier.length + " outside 1..222");
        }
        if (extent < 0 || extent > 0xffffffffL || size < 0 || size > 0xffffffffL) {
            throw new IllegalArgumentException("extent or size outside 32 bits");
        }
    }

    @Override
    public byte[] identifier() {
        return identifier.clone();
    }

    /** Encoded length: 33 fixed bytes, the identifier, and a pad byte when the identifier length is even. */
    public int length() {
        return lengthFor(identifier.length);
    }

    static int lengthFor(int identifierLength) {
        return FIXED + identifierLength + (identifierLength % 2 == 0 ? 1 : 0);
    }

    /** Writes the record at {@code off}; returns the number of bytes written. */
    public int encode(byte[] b, int off) {
        int len = length();
        b[off] = (byte) len;
        b[off + 1] = 0;
        IsoBytes.putBoth32(b, off + 2, extent);
        IsoBytes.putBoth32(b, off + 10, size);
        IsoDates.putRecordDate(b, off + 18, recorded);
        b[off + 25] = (byte) (directory ? 2 : 0);
        b[off + 26] = 0;
        b[off + 27] = 0;
        IsoBytes.putBoth16(b, off + 28, 1);
        b[off + 32] = (byte) identifier.length;
        System.arraycopy(identifier, 0, b, off + 33, identifier.length);
        return len;
    }

    /**
     * Decodes the record at {@code off}, checking that it fits the buffer.
     *
     * @throws IllegalArgumentException if the record is malformed
     */
    public static DirectoryRecord decode(byte[] b, int off) {
        int len = b[off] & 0xff;
        if (len < FIXED + 1 || off + len > b.length) {
            throw new IllegalArgumentException("directory record of length " + len + " at offset " + off);
        }
        int idLen = b[off + 32] & 0xff;
        if (FIXED + idLen > len || idLen == 0) {
            throw new IllegalArgumentException("identifier of length " + idLen + " overruns its record");
        }
        if ((b[off + 25] & 0x80) != 0) {
            throw new IllegalArgumentException("multi-extent files are not supported");
        }
        byte[] id = new byte[idLen];
        System.arraycopy(b, off + 33, id, 0, idLen);
        return new DirectoryRecord(IsoBytes.le32(b, off + 2), IsoBytes.le32(b, off + 10),
                IsoDates.recordDate(b, off + 18), (b[off + 25] & 2) != 0, id);
    }

    boolean isSelfOrParent() {
        return identifier.length == 1 && (identifier[0] == 0 || identifier[0] == 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirectoryRecord r && r.extent == extent && r.size == size
                && r.recorded.equals(recorded) && r.directory == directory
                && java.util.Arrays.equals(r.identifier, identifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(extent, size, recorded, directory, java.util.Arrays.hashCode(identifier));
    }

    @Override
    public String toString() {
        return "DirectoryRecord[extent=" + extent + ", size=" + size + ", directory=" + directory + "]";
    }
}
