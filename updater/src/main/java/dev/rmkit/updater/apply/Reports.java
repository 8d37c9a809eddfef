package dev.rmkit.updater.apply;

import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.apps.AppRelauncher;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalOperation;
import dev.rmkit.updater.plan.FileChange;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.report.History;
import dev.rmkit.updater.report.LastReport;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;
import java.nio.file.Files;

/** Report steps shared by the runs that change an install (apply, resume, rollback, cancel, uninstall). */
public final class Reports {

    private Reports() {}

    /**
     * Whether recovery starts the apps an interrupted swap closed: yes after a rollback, and after a roll
     * forward unless the swap uninstalled their files.
     */
    static boolean restartsClosedApps(Recovery.Kind kind, Journal j) {
        return kind == Recovery.Kind.ROLLED_BACK
                || kind == Recovery.Kind.ROLLED_FORWARD && j.operation() != JournalOperation.UNINSTALL;
    }

    /**
     * Builds the report of a run that held the lock, saves it as last-report.json and appends it to the
     * install's history; a failure to write either becomes a note. After an uninstall nothing is written:
     * its state is gone, and a {@code .rmkit/} left because someone else's entry (a link...) is in it
     * gets no new file of the updater's.
     */
    static UpdateReport saved(InstallLayout layout, ReportBuilder report) {
        UpdateReport r = report.build();
        if (r.outcome() == Outcome.UNINSTALLED || !Files.isDirectory(layout.stateDir())) {
            return r;
        }
        try {
            LastReport.save(layout, r);
        } catch (IOException e) {
            r = report.note("could not save " + layout.lastReportFile() + ": " + e.getMessage()).build();
        }
        return appended(layout, report, r);
    }

    /**
     * Ends a run: {@link #saved} if it held the lock; otherwise (another updater held it) only appended to
     * the history, which several runs can append to at once.
     */
    public static UpdateReport finished(InstallLayout layout, ReportBuilder report, boolean lockHeld) {
        return lockHeld ? saved(layout, report) : appended(layout, report, report.build());
    }

    private static UpdateReport appended(InstallLayout layout, ReportBuilder report, UpdateReport r) {
        try {
            History.append(layout, r);
            return r;
        } catch (IOException e) {
            return report.note("could not append to " + layout.historyFile() + ": " + e.getMessage()).build();
        }
    }

    /** Notes what recovery of an earlier run did, and restarts the apps that run had closed. */
    public static void noteRecovery(Recovery.Result rec, SystemControl system, ReportBuilder report) {
        rec.journal().ifPresent(j -> {
            switch (rec.kind()) {
                case ROLLED_BACK -> report.note("an interrupted " + j.describe().substring(4) + " was rolled back first");
                case ROLLED_FORWARD -> report.note("an interrupted " + j.describe().substring(4) + " was finished first");
                case COMPLETED_AFTER_REBOOT -> report.note(j.describe() + " that waited for a reboot was finished first");
                default -> { }
            }
            if (restartsClosedApps(rec.kind(), j)) {
                AppRelauncher.relaunch(j.closedApps(), j.services(), system, report);
            }
        });
        if (!rec.cleanupProblem().isEmpty()) {
            report.note(rec.cleanupProblem());
        }
    }

    /** The outcome of a committed swap: what the operation did. */
    public static void committed(Journal j, ReportBuilder report) {
        switch (j.operation()) {
            case APPLY -> report.outcome(Outcome.UPDATED, "updated to " + j.toVersion());
            case ROLLBACK -> report.outcome(Outcome.REVERTED, "rolled back from " + j.fromVersion() + " to " + j.toVersion());
            case UNINSTALL -> report.outcome(Outcome.UNINSTALLED, "uninstalled " + j.fromVersion());
        }
    }

    /** The plan a journal carried out, for the report's added/replaced/removed lists. */
    public static Plan planOf(Journal j) {
        return new Plan(j.fromVersion(), j.toVersion(), j.steps().stream()
                .map(s -> new FileChange(s.path(), s.kind(), s.size(), s.sha256(), "")).toList());
    }
}
