package dev.rmkit.rm.console;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging for the command-line apps ({@code updater}, {@code burner}): rm-client and the apps log
 * through {@code System.Logger}, which the JDK backs with java.util.logging, whose default prints two
 * lines per INFO record on stderr. A CLI user should see only what matters, so this sends WARNING and
 * above, one line each ({@code warning: message}), to the command's error stream; {@code --verbose} or
 * {@code RMKIT_VERBOSE=1} lowers the level to FINE for diagnosis.
 */
public final class ConsoleLogging {

    /** Set to anything but empty or {@code 0} for verbose logging. */
    public static final String VERBOSE_ENV = "RMKIT_VERBOSE";
    /** The command-line flag, accepted by the apps' root commands and every subcommand. */
    public static final String VERBOSE_FLAG = "--verbose";

    private ConsoleLogging() {}

    /** True if {@code args} (before a {@code --}) carry {@link #VERBOSE_FLAG} or the environment asks for it. */
    public static boolean verbose(List<String> args, Map<String, String> env) {
        String e = env.get(VERBOSE_ENV);
        if (e != null && !e.isBlank() && !e.strip().equals("0")) {
            return true;
        }
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals(VERBOSE_FLAG)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces the root handlers by one that writes to {@code err} at WARNING, or FINE when verbose. */
    public static void configure(PrintWriter err, boolean verbose) {
        Objects.requireNonNull(err, "err");
        Level level = verbose ? Level.FINE : Level.WARNING;
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    err.println(getFormatter().format(r));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        };
        h.setFormatter(new OneLine());
        h.setLevel(level);
        root.addHandler(h);
        root.setLevel(level);
    }

    /**
     * {@code level: message[: cause]} on one line. Messages quote other processes' text (app names,
     * registry entries, refusal reasons), so the line is made safe for a terminal ({@link SafeText}).
     */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String msg = formatMessage(r).replace('\n', ' ');
            String cause = r.getThrown() == null ? "" : ": " + r.getThrown();
            return r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": " + SafeText.line(msg + cause);
        }
    }
}
