package dev.rmkit.burner.cli;

import dev.rmkit.burner.disc.BurnMonitor;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/** A {@link BurnMonitor} that draws progress on the command's output. */
final class ProgressPrinter implements BurnMonitor {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final ProgressMode mode;
    private final BooleanSupplier stop;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastPercent = -1;

    ProgressPrinter(PrintWriter out, ProgressMode mode, BooleanSupplier stop) {
        this.out = out;
        this.mode = mode == ProgressMode.auto ? (System.console() != null ? ProgressMode.bar : ProgressMode.none) : mode;
        this.stop = stop;
    }

    @Override
    public void progress(long written, long total) {
        long now = System.nanoTime();
        boolean done = written >= total;
        int pct = ProgressLine.percent(written, total);
        switch (mode) {
            case bar -> {
                if (done || now - lastDraw >= REDRAW_NANOS) {
                    out.print("\r" + ProgressLine.bar(written, total, now - start) + (done ? System.lineSeparator() : ""));
                    out.flush();
                    lastDraw = now;
                }
            }
            case plain -> {
                if (done || pct >= lastPercent + 5) {
                    out.println(ProgressLine.plain(written, total, now - start));
                    out.flush();
                    lastPercent = pct;
                }
            }
            default -> { }
        }
    }

    @Override
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }
}
