package dev.rmkit.updater.apply;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.util.Optional;

/** What a restart session's restart did, in the report: each closed app restarted, failed, or left down and why. */
final class RestartReports {

    private RestartReports() {}

    static void report(RestartResult r, ReportBuilder report) {
        for (AppOutcome o : r.apps()) {
            Optional<ProcessId> started = o.newProcess();
            if (started.isPresent()) {
                report.restarted(new AppReport(o.app().name(), started.get().pid(), ""));
            } else if (o.reason().isPresent()) {
                report.restartFailed(new AppReport(o.app().name(), o.app().process().pid(), o.reason().get()));
            } else {
                report.notRestarted(new AppReport(o.app().name(), o.app().process().pid(), whyNotStarted(o.app())));
            }
        }
        report.upAgain();
    }

    /** Why a closed app that nothing failed to start was not started: by its own choice or a filter's. */
    static String whyNotStarted(AffectedApp app) {
        if (app.status().contains(AppStatus.RESTART_MASKED)) {
            return "kept down by a no-restart filter";
        }
        if (app.restartCommand().isEmpty()) {
            return "it registered no restart command";
        }
        if (app.restartCommand().get().flags().contains(RestartFlag.NO_PATCH)) {
            return "it asked not to be restarted after an update (no-patch)";
        }
        return "not restarted";
    }
}
