package dev.rmkit.rm.windows;

import java.time.Instant;

/**
 * FILETIME (100-nanosecond intervals since 1601-01-01 UTC, as two DWORDs) to and from
 * {@link Instant}: the start time half of {@code RM_UNIQUE_PROCESS}.
 */
final class FileTimes {

    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private FileTimes() {}

    static long of(int low, int high) {
        return (Integer.toUnsignedLong(high) << 32) | Integer.toUnsignedLong(low);
    }

    static int low(long fileTime) {
        return (int) fileTime;
    }

    static int high(long fileTime) {
        return (int) (fileTime >>> 32);
    }

    static Instant toInstant(long fileTime) {
        long seconds = Long.divideUnsigned(fileTime, TICKS_PER_SECOND);
        long ticks = Long.remainderUnsigned(fileTime, TICKS_PER_SECOND);
        return Instant.ofEpochSecond(seconds - EPOCH_DIFF_SECONDS, ticks * 100);
    }

    /** Truncates below 100 ns, the FILETIME resolution. */
    static long toFileTime(Instant instant) {
        long seconds = instant.getEpochSecond() + EPOCH_DIFF_SECONDS;
        if (seconds < 0) {
            throw new IllegalArgumentException("before 1601: " + instant);
        }
        return Math.addExact(Math.multiplyExact(seconds, TICKS_PER_SECOND), instant.getNano() / 100);
    }
}
