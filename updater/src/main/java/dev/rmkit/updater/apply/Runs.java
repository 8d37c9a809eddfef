package dev.rmkit.updater.apply;

import dev.rmkit.updater.Interruption;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstallLock;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * The frame of every run that changes an install: take the install's lock (a second run exits busy at
 * once), do the work, end every failure as the report's outcome, save the report while the lock is held,
 * and append it to the install's history (also when the lock was taken).
 *
 * <p>SIGINT and SIGTERM ({@link Interruption}): one that arrived before the work began, or while it was at
 * a point where stopping is safe (downloading, asking or closing apps), ends the run as
 * {@code INTERRUPTED}/{@code TERMINATED} (130/143) with the install's files unchanged and the report
 * saying so and what to run next; one that arrives later does not stop the work (a swap runs to its
 * commit or its rollback), and the report notes it.
 */
public final class Runs {

    /** The work of one run, under the lock. */
    @FunctionalInterface
    public interface Body {
        void run() throws UpdateException;
    }

    private Runs() {}

    /**
     * As {@link #locked}, for the commands that work on an install the updater manages (rollback, cancel,
     * uninstall, restart-apps): without {@code .rmkit/} it is bad usage, and nothing is created.
     */
    public static UpdateReport lockedExisting(InstallLayout layout, ReportBuilder report, Body body) {
        if (!Files.isDirectory(layout.stateDir(), LinkOption.NOFOLLOW_LINKS)) {
            return report.fail(new UpdateException.Usage("no install managed by the updater in " + layout.installDir()))
                    .build();
        }
        return locked(layout, report, body, false);
    }

    /**
     * Runs {@code body} under the install's lock. With {@code freshLeavesNoTrace} (apply), a run that
     * created {@code .rmkit/} and failed without waiting for a reboot removes, still under the lock, what
     * it created ({@link InstallLock#closeRemovingWhatItCreated}) and leaves neither report nor history.
     */
    public static UpdateReport locked(InstallLayout layout, ReportBuilder report, Body body, boolean freshLeavesNoTrace) {
        TestHooks.reach("locking");
        InstallLock lock;
        try {
            lock = InstallLock.acquire(layout, () -> TestHooks.reach("lock-opened"));
        } catch (UpdateException busy) {
            return Reports.finished(layout, report.fail(busy), false); // the install belongs to the lock's holder
        }
        try {
            try {
                begin();
                body.run();
            } catch (UpdateException.Interrupted e) {
                stopped(report, e, "run the same command again");
            } catch (UpdateException e) {
                report.fail(e);
            }
            noteLateSignal(report);
            UpdateReport result = report.build();
            if (freshLeavesNoTrace && lock.createdStateDir() && result.exitCode() != 0 && result.reboot().equals("none")) {
                forgetFreshInstall(lock);
                return result;
            }
            return Reports.saved(layout, report);
        } finally {
            lock.close();
        }
    }

    /** Done under the lock, and only for what this run created (see {@link InstallLock#closeRemovingWhatItCreated}). */
    private static void forgetFreshInstall(InstallLock lock) {
        try {
            lock.closeRemovingWhatItCreated();
        } catch (IOException ignored) {
            // Only the updater's own lock, staging, trust and id files were there; a leftover is harmless.
        }
    }

    /**
     * The safe point at the start of every run, once the lock is held: a signal recorded by now stops the
     * run before it changed anything. Tests pause a real updater here ({@code TestHooks} step "locked").
     */
    public static void begin() throws UpdateException.Interrupted {
        TestHooks.reach("locked");
        Interruption.check("before it began");
    }

    /** Ends {@code report} as {@code e} stopped it: the install's state, and {@code next}, what to run next. */
    public static void stopped(ReportBuilder report, UpdateException.Interrupted e, String next) {
        report.fail(e).outcome(report.outcome(), e.getMessage() + "; the install's files are unchanged; " + next);
    }

    /** A signal that did not stop the run (it came too late to stop safely) is noted in its report. */
    public static void noteLateSignal(ReportBuilder report) {
        Interruption.signal().filter(sig -> report.outcome() != Outcome.INTERRUPTED && report.outcome() != Outcome.TERMINATED)
                .ifPresent(sig -> report.note(sig.label() + " arrived when " + report.command()
                        + " could no longer stop safely: it finished its work first"));
    }
}
