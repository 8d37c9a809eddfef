package dev.rmkit.updater;

import dev.rmkit.rm.TestPoints;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request to stop (SIGINT, SIGTERM) and where it may take effect. The CLI records the signal
 * ({@link #received}); the run is interrupted only inside the sections that are safe to abandon —
 * downloading, asking and closing apps ({@link #interruptibly}) — and checks for a recorded signal
 * between them ({@link #check}). A swap, once started, is never interrupted: it runs to its commit or
 * its rollback, so the install is exactly old or exactly new, and the closed apps come back.
 */
public final class Interruption {

    /** The signals that ask the updater to stop, with the exit code each ends the run with. */
    public enum Signal {
        INT("SIGINT", ExitCode.INTERRUPTED),
        TERM("SIGTERM", ExitCode.TERMINATED);

        private final String label;
        private final ExitCode exitCode;

        Signal(String label, ExitCode exitCode) {
            this.label = label;
            this.exitCode = exitCode;
        }

        public String label() {
            return label;
        }

        public ExitCode exitCode() {
            return exitCode;
        }
    }

    /** A body that may be interrupted. */
    @FunctionalInterface
    public interface Section<T> {
        T run() throws UpdateException, InterruptedException;
    }

    private static volatile Signal received;
    private static volatile Thread interruptible;
    private static volatile Integer endedWith;

    private Interruption() {}

    /** Records a signal; interrupts the thread inside an interruptible section, if any. */
    public static void received(Signal s) {
        received = s;
        Thread t = interruptible;
        if (t != null) {
            t.interrupt();
        }
        TestPoints.mark("signal-recorded"); // tests wait for it before letting a paused run go on
    }

    public static Optional<Signal> signal() {
        return Optional.ofNullable(received);
    }

    /**
     * Notes that the run ended, its report printed, with exit code {@code code}: a SIGINT or SIGTERM that
     * arrives from then on, before the JVM exits, must not change the code the report gave
     * ({@code Main} installs the handler that honours it).
     */
    public static void ended(int code) {
        endedWith = code;
    }

    /** The exit code of the run that ended in this JVM, if one did. */
    public static OptionalInt endedWith() {
        Integer c = endedWith;
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    /** Forgets a recorded signal (a new run in the same JVM: tests). */
    public static void reset() {
        received = null;
        interruptible = null;
    }

    /** The failure that ends a run the recorded signal stopped {@code whileDoing}. */
    public static UpdateException.Interrupted stopped(String whileDoing) {
        Signal s = received == null ? Signal.INT : received;
        return new UpdateException.Interrupted(s, "interrupted by " + s.label() + " " + whileDoing);
    }

    /** Throws {@link UpdateException.Interrupted} if a signal was recorded: a safe point between sections. */
    public static void check(String whileDoing) throws UpdateException.Interrupted {
        Signal s = received;
        if (s != null) {
            throw new UpdateException.Interrupted(s, "interrupted by " + s.label() + " " + whileDoing);
        }
    }

    /** From now on a signal interrupts this thread (until {@link #leave}). */
    public static void enter() {
        interruptible = Thread.currentThread();
        if (received != null) {
            Thread.currentThread().interrupt();
        }
    }

    /** Signals are only recorded again; the thread's interrupt status is cleared. */
    public static void leave() {
        interruptible = null;
        Thread.interrupted();
    }

    /**
     * Runs {@code body} so that a signal interrupts it; whatever it then fails with becomes
     * {@link UpdateException.Interrupted}. The thread's interrupt status is cleared afterwards, so the
     * report and the lock can still be written and released.
     */
    public static <T> T interruptibly(String whileDoing, Section<T> body) throws UpdateException {
        check(whileDoing);
        enter();
        try {
            return body.run();
        } catch (UpdateException | InterruptedException e) {
            check(whileDoing);
            if (e instanceof UpdateException u) {
                throw u;
            }
            throw new UpdateException.Interrupted(Signal.INT, "interrupted " + whileDoing);
        } finally {
            leave();
        }
    }
}
