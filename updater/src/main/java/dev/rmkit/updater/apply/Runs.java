package dev.rmkit.updater.apply;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstallLock;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * The frame of every run that changes an install: take the install's lock (a second run exits busy at
 * once), do the work, end every failure as the report's outcome, save the report while the lock is held.
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
        return locked(layout, report, body);
    }

    public static UpdateReport locked(InstallLayout layout, ReportBuilder report, Body body) {
        try (InstallLock lock = InstallLock.acquire(layout)) {
            try {
                body.run();
            } catch (UpdateException e) {
                report.fail(e);
            }
            return Reports.saved(layout, report);
        } catch (UpdateException busy) {
            return report.fail(busy).build();
        }
    }
}
