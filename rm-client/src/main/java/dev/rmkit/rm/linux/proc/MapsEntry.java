package dev.rmkit.rm.linux.proc;

import java.util.Objects;
import java.util.Optional;

/**
 * One file-backed line of {@code /proc/PID/maps}: {@code start-end perms offset major:minor inode path}.
 * The device is printed in hex, the inode in decimal; the path may contain spaces and ends in
 * {@code " (deleted)"} when the mapped file was unlinked (an updated library or executable that the
 * process still runs from).
 *
 * @param major device major number
 * @param minor device minor number
 * @param inode inode number, non-zero
 * @param path the path as the kernel printed it, without the {@code " (deleted)"} suffix
 * @param deleted whether the kernel marked the file deleted
 */
public record MapsEntry(long major, long minor, long inode, String path, boolean deleted) {

    static final String DELETED = " (deleted)";

    public MapsEntry {
        Objects.requireNonNull(path, "path");
    }

    /** The device and inode as a key comparable with a file's. */
    public FileKey key() {
        return new FileKey(major, minor, inode);
    }

    /** The inode column (the fifth) of a maps line, or -1 if the line has none. */
    public static long inodeOf(String line) {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return inodeOf(b, 0, b.length);
    }

    /** The inode column of the maps line in {@code b[from, to)}, or -1; reads in place, allocates nothing. */
    public static long inodeOf(byte[] b, int from, int to) {
        int i = from;
        for (int field = 0; field < 4; field++) {
            while (i < to && b[i] != ' ') {
                i++;
            }
            while (i < to && b[i] == ' ') {
                i++;
            }
        }
        long inode = 0;
        boolean digits = false;
        for (; i < to && b[i] != ' '; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            inode = inode * 10 + (b[i] - '0');
            digits = true;
        }
        return digits ? inode : -1;
    }

    /**
     * Parses one maps line; anonymous mappings ({@code inode 0}: heap, stack, {@code [vdso]}) give
     * empty, because no file holds them.
     *
     * @throws IllegalArgumentException if the line is not a maps line
     */
    public static Optional<MapsEntry> parse(String line) {
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 5) {
            throw new IllegalArgumentException("not a /proc/PID/maps line: " + line);
        }
        int colon = f[3].indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("bad device in /proc/PID/maps line: " + line);
        }
        try {
            long major = Long.parseLong(f[3].substring(0, colon), 16);
            long minor = Long.parseLong(f[3].substring(colon + 1), 16);
            long inode = Long.parseLong(f[4]);
            if (inode == 0) {
                return Optional.empty();
            }
            String path = f.length == 6 ? f[5] : "";
            boolean deleted = path.endsWith(DELETED);
            if (deleted) {
                path = path.substring(0, path.length() - DELETED.length());
            }
            return Optional.of(new MapsEntry(major, minor, inode, path, deleted));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in /proc/PID/maps line: " + line, e);
        }
    }
}
