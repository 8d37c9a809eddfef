package dev.rmkit.updater.apply;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstallLock;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * The frame of every run that changes an install: take the install's lock (a second run exits busy at
 * once), do the work, end every failure as the report's outcome, save the report while the lock is held,
 * and append it to the install's history (also when the lock was taken).
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
            TestHooks.reach("locked");
            try {
                body.run();
            } catch (UpdateException e) {
                report.fail(e);
            }
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
}
