package dev.rmkit.updater.apply;

import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts again the apps an updater closed and then died without restarting (their restart session
 * died with it): from the journal's argv and working directory, detached, output discarded.
 */
final class AppRelauncher {

    private AppRelauncher() {}

    static void relaunch(Journal j, ReportBuilder report) {
        for (ClosedApp app : j.closedApps()) {
            if (!app.restartable()) {
                report.refused(new AppReport(app.name(), app.pid(), "not restarted: it registered no restart command"));
                continue;
            }
            try {
                Process p = new ProcessBuilder(app.argv()).directory(Path.of(app.workingDirectory()).toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                p.getOutputStream().close();
                report.restarted(new AppReport(app.name(), p.pid(), ""));
            } catch (IOException e) {
                report.refused(new AppReport(app.name(), app.pid(), "restart failed: " + e.getMessage()));
            }
        }
    }
}
