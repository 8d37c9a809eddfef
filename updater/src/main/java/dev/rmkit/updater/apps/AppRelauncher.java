package dev.rmkit.updater.apps;

import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts again the apps an updater closed and then died without restarting (their restart session
 * died with it), from the journal's argv and working directory. Where the journal knows the owner,
 * the start goes through the platform ({@link SystemControl#startAs}): as that user, detached, like
 * a session's restart; elsewhere the app is started as the updater's user with output discarded.
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
        try {
            RestartCommand command = RestartCommand.of(app.argv(), Path.of(app.workingDirectory()));
            long pid = app.knownOwner().isPresent() ? system.startAs(app.knownOwner().get(), command).pid()
                    : startAsUs(app);
            report.restarted(new AppReport(app.name(), pid, ""));
            return true;
        } catch (IOException | RmException | IllegalArgumentException e) {
            report.notRestarted(new AppReport(app.name(), app.pid(), "restart failed: " + e.getMessage()));
            return false;
        }
    }

    private static long startAsUs(ClosedApp app) throws IOException {
        Process p = new ProcessBuilder(app.argv()).directory(Path.of(app.workingDirectory()).toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        return p.pid();
    }
}
