package dev.rmkit.updater.fetch;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar redrawn with {@code \r}, for a person watching a terminal. Redraws only
 * when the shown percentage changes, so a fast download does not flood the terminal. Use {@link
 * #forTerminal} so scripts and logs (no console) get {@link ProgressSink#NONE} instead.
 */
public final class ProgressBar implements ProgressSink {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private int lastPercent = -1;

    public ProgressBar(PrintWriter out) {
        this.out = out;
    }

    /** A bar on {@code err} when the process has a console, otherwise quiet. */
    public static ProgressSink forTerminal(PrintWriter err) {
        return System.console() != null ? new ProgressBar(err) : ProgressSink.NONE;
    }

    @Override
    public synchronized void progress(long done, long total) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        out.print("\r" + render(done, total));
        if (percent == 100) {
            out.println();
        }
        out.flush();
    }

    /** The bar text for {@code done} of {@code total} bytes (pure, for tests). */
    static String render(long done, long total) {
        int permille = total <= 0 ? 1000 : (int) Math.min(1000, done * 1000 / total);
        int filled = permille * WIDTH / 1000;
        return String.format(Locale.ROOT, "[%s%s] %3d%% %s / %s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                permille / 10, size(done), size(total));
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
