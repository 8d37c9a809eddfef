package dev.rmkit.updater.apps;

import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts again the apps an updater closed and then died without restarting (their restart session
 * died with it), from the journal's argv and working directory, through the platform
 * ({@link SystemControl#startAs}): as each app's own user, detached, never with more rights than that
 * user has. An app whose owner the journal does not know is not started: the updater may be elevated
 * (or root), and a registered command is text any process of that user could have set.
 */
public final class AppRelauncher {

    private AppRelauncher() {}

    public static void relaunch(List<ClosedApp> apps, SystemControl system, ReportBuilder report) {
        for (ClosedApp app : apps) {
            relaunch(app, system, report);
        }
    }

    /** Starts one app; the report says how it went. Returns whether it was started. */
    public static boolean relaunch(ClosedApp app, SystemControl system, ReportBuilder report) {
        if (!app.restartable()) {
            report.notRestarted(new AppReport(app.name(), app.pid(), "it registered no restart command"));
            return false;
        }
        if (app.knownOwner().isEmpty()) {
            report.notRestarted(new AppReport(app.name(), app.pid(), "who ran it is not known, and a registered"
                    + " command is never started with the updater's own rights; start it again by hand"));
            return false;
        }
        try {
            RestartCommand command = RestartCommand.of(app.argv(), Path.of(app.workingDirectory()));
            long pid = system.startAs(app.knownOwner().get(), command).pid();
            report.restarted(new AppReport(app.name(), pid, ""));
            return true;
        } catch (RmException | IllegalArgumentException e) {
            report.restartFailed(new AppReport(app.name(), app.pid(), "restart failed: " + e.getMessage()));
            return false;
        }
    }
}
