package dev.rmkit.updater.cli;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.updater.apps.WaitSink;
import dev.rmkit.rm.console.SafeText;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Says on stderr who the updater is waiting for and why, so no wait is silent: on a terminal one line
 * redrawn in place (and cleared when the waiting ends), otherwise one line each time who is closed, or
 * who is waited for and why, changes ({@code waiting for burner (pid 4242): Burning session 1 of 'Photos' — 42%, 3m left of
 * --wait}). Names and reasons come from other processes, so they are made safe ({@link SafeText}).
 */
final class WaitLine implements WaitSink {

    private final PrintWriter err;
    private final boolean terminal;
    private String lastClosing = "";
    private String lastWaiting = "";
    private boolean drawn;

    WaitLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** The live line for this process: redrawn when it has a console, a line per change otherwise. */
    static WaitLine forStderr(PrintWriter err) {
        return new WaitLine(err, System.console() != null);
    }

    @Override
    public synchronized void closing(List<AffectedApp> holders, Duration timeout) {
        if (holders.isEmpty()) {
            return;
        }
        String who = holders.stream().map(a -> SafeText.field(a.name()) + " (pid " + a.process().pid() + ")")
                .collect(Collectors.joining(", "));
        boolean changed = !who.equals(lastClosing);
        lastClosing = who;
        show(changed, "closing " + who + " (each has up to " + human(timeout) + " to exit)");
    }

    @Override
    public synchronized void waiting(List<AppOutcome> refusals, Duration left) {
        String who = refusals.stream().map(o -> SafeText.field(o.app().name()) + " (pid " + o.app().process().pid()
                + "): " + SafeText.field(o.reason().orElse("refused"))).collect(Collectors.joining("; "));
        boolean changed = !who.equals(lastWaiting);
        lastWaiting = who;
        show(changed, "waiting for " + who + ", " + human(left) + " left of --wait");
    }

    @Override
    public synchronized void done() {
        if (terminal && drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
        drawn = false;
        lastClosing = "";
        lastWaiting = "";
    }

    /** On a terminal the line is redrawn; off it, a new line only when who (or why) {@code changed}. */
    private void show(boolean changed, String text) {
        if (terminal) {
            err.print("\r\u001b[K" + text);
            drawn = true;
        } else if (changed) {
            err.println(text);
        }
        err.flush();
    }

    /** {@code 1h20m}, {@code 3m}, {@code 42s}: as precise as a person waiting needs. */
    static String human(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s >= 3600) {
            return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
        }
        return s >= 60 ? (s + 59) / 60 + "m" : s + "s";
    }
}
