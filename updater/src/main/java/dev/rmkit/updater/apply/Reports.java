package dev.rmkit.updater.apply;

import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.apps.AppRelauncher;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.plan.FileChange;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.report.History;
import dev.rmkit.updater.report.LastReport;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;

/** Report steps shared by apply and resume. */
public final class Reports {

    private Reports() {}

    /**
     * Builds the report, saves it as last-report.json if the run held the lock, and appends it to the
     * install's history; a failure to write either becomes a note (of the printed report).
     */
    public static UpdateReport finished(InstallLayout layout, ReportBuilder report, boolean lockHeld) {
        UpdateReport r = report.build();
        if (lockHeld) {
            try {
                LastReport.save(layout, r);
            } catch (IOException e) {
                r = report.note("could not save " + layout.lastReportFile() + ": " + e.getMessage()).build();
            }
        }
        try {
            History.append(layout, r);
        } catch (IOException e) {
            r = report.note("could not append to " + layout.historyFile() + ": " + e.getMessage()).build();
        }
        return r;
    }

    /** Notes what recovery of an earlier run did, and restarts the apps that run had closed. */
    static void noteRecovery(Recovery.Result rec, SystemControl system, ReportBuilder report) {
        rec.journal().ifPresent(j -> {
            switch (rec.kind()) {
                case ROLLED_BACK -> report.note("an interrupted update to " + j.toVersion() + " was rolled back first");
                case ROLLED_FORWARD -> report.note("an interrupted update to " + j.toVersion() + " was finished first");
                case COMPLETED_AFTER_REBOOT -> report.note("the update to " + j.toVersion()
                        + " that waited for a reboot was finished first");
                default -> { }
            }
            if (rec.kind() == Recovery.Kind.ROLLED_BACK || rec.kind() == Recovery.Kind.ROLLED_FORWARD) {
                AppRelauncher.relaunch(j.closedApps(), system, report);
            }
        });
        if (!rec.cleanupProblem().isEmpty()) {
            report.note(rec.cleanupProblem());
        }
    }

    /** The plan a journal carried out, for the report's added/replaced/removed lists. */
    static Plan planOf(Journal j) {
        return new Plan(j.fromVersion(), j.toVersion(), j.steps().stream()
                .map(s -> new FileChange(s.path(), s.kind(), s.size(), s.sha256(), "")).toList());
    }
}
