package dev.rmkit.updater.cli;

import dev.rmkit.updater.fetch.ProgressSink;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line download progress bar, redrawn in place with a carriage return; only used when the
 * updater runs on a terminal and without {@code --json}, so logs and pipes stay quiet.
 */
final class TerminalProgress implements ProgressSink {

    private final PrintWriter err;
    private int lastPercent = -1;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** The sink for this run: a bar on a terminal, nothing otherwise. */
    static ProgressSink forRun(PrintWriter err, boolean json) {
        return !json && System.console() != null ? new TerminalProgress(err) : ProgressSink.NONE;
    }

    @Override
    public void progress(long done, long total) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * 30 / 100;
        err.print(String.format(Locale.ROOT, "\rdownloading [%-30s] %3d%% %,d / %,d bytes", "#".repeat(filled),
                percent, done, total));
        if (percent == 100) {
            err.println();
        }
        err.flush();
    }
}
