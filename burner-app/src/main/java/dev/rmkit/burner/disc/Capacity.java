package dev.rmkit.burner.disc;

import java.util.Locale;

/**
 * Capacity accounting the way IMAPI does it: besides the blocks really written, closing the first
 * session costs 21 MB and each further session 11 MB (lead-in, lead-out and gaps on a real disc;
 * "Creating Discs with Multiple Sessions", IMAPI v1 docs). The overhead is counted, not written as
 * padding: the image file holds only real blocks, but free space shrinks as on a real disc.
 */
public final class Capacity {

    /** 21 MiB in 2048-byte sectors. */
    public static final long FIRST_SESSION_OVERHEAD = 21L * 1024 * 1024 / 2048;
    /** 11 MiB in 2048-byte sectors. */
    public static final long FURTHER_SESSION_OVERHEAD = 11L * 1024 * 1024 / 2048;
    /** IMAPI2 closes a disc automatically once at most 2 % of it is free. */
    public static final double AUTO_CLOSE_FRACTION = 0.02;

    private Capacity() {}

    /** Overhead sectors for a disc with {@code sessions} sessions. */
    public static long overhead(int sessions) {
        return sessions == 0 ? 0 : FIRST_SESSION_OVERHEAD + (sessions - 1) * FURTHER_SESSION_OVERHEAD;
    }

    /** Sectors used: every block up to the end of the last session, plus the session overhead. */
    public static long used(DiscHeader h) {
        return h.blank() ? 0 : h.end() + overhead(h.sessions().size());
    }

    /** Sectors still free (never negative). */
    public static long free(DiscHeader h) {
        return Math.max(0, h.media().capacitySectors() - used(h));
    }

    /** Sectors a new session of {@code blocks} blocks would take, alignment and overhead included. */
    public static long needed(DiscHeader h, long blocks) {
        long after = h.nextStart() + blocks + overhead(h.sessions().size() + 1);
        return after - used(h);
    }

    /** Whether a disc should be closed after a burn leaves it with this header. */
    public static boolean nearlyFull(DiscHeader h) {
        return free(h) <= h.media().capacitySectors() * AUTO_CLOSE_FRACTION;
    }

    /** Sectors as a human size: "21.0 MB" (MB = 2^20 bytes, as IMAPI's figures are). */
    public static String human(long sectors) {
        double mb = sectors * 2048.0 / (1024 * 1024);
        return String.format(Locale.ROOT, "%.1f MB", mb);
    }
}
