package dev.rmkit.rm.linux.proc;

/**
 * A file's identity the way fuser and lsof match it: the device (major, minor) and the inode. Two
 * paths name the same file exactly when their keys are equal, whatever links or mounts lie between.
 *
 * <p>{@code stat()} reports the device as glibc's {@code dev_t} encoding, {@code /proc/PID/maps} as
 * {@code major:minor} in hex; {@link #fromStatDev} decodes the former (glibc's {@code gnu_dev_major}
 * and {@code gnu_dev_minor}) so the two can be compared.
 */
public record FileKey(long major, long minor, long inode) {

    /** The key of a file from {@code stat()}'s {@code st_dev} and {@code st_ino}. */
    public static FileKey fromStatDev(long stDev, long inode) {
        long major = ((stDev >>> 8) & 0xfffL) | ((stDev >>> 32) & ~0xfffL);
        long minor = (stDev & 0xffL) | ((stDev >>> 12) & ~0xffL);
        return new FileKey(major & 0xffffffffL, minor & 0xffffffffL, inode);
    }
}
