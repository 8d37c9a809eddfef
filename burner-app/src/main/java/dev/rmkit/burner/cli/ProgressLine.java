package dev.rmkit.burner.cli;

import java.util.Locale;

/** Formats burn progress: percent, a bar, the rate and the time left. Pure functions. */
final class ProgressLine {

    static final int BAR_WIDTH = 30;

    private ProgressLine() {}

    static int percent(long written, long total) {
        return total <= 0 ? 100 : (int) Math.min(100, written * 100 / total);
    }

    /** Bytes per second so far, 0 before any time has passed. */
    static long rate(long written, long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : (long) (written * 1e9 / elapsedNanos);
    }

    /** Seconds left at the current rate, or -1 when unknown. */
    static long etaSeconds(long written, long total, long elapsedNanos) {
        long rate = rate(written, elapsedNanos);
        return rate <= 0 ? -1 : (total - written + rate - 1) / rate;
    }

    /** {@code [#########.........]  42%  1.2 MB/s  ETA 0:07} */
    static String bar(long written, long total, long elapsedNanos) {
        int pct = percent(written, total);
        int filled = pct * BAR_WIDTH / 100;
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%  %s/s  ETA %s", pct, human(rate(written, elapsedNanos)),
                        clock(etaSeconds(written, total, elapsedNanos)));
    }

    /** {@code progress 42% 1048576/2490368 bytes 153600 B/s eta 9s} */
    static String plain(long written, long total, long elapsedNanos) {
        long eta = etaSeconds(written, total, elapsedNanos);
        return "progress " + percent(written, total) + "% " + written + "/" + total + " bytes "
                + rate(written, elapsedNanos) + " B/s eta " + (eta < 0 ? "?" : eta + "s");
    }

    static String human(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    static String clock(long seconds) {
        return seconds < 0 ? "-:--" : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
