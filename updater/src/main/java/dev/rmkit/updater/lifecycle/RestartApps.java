package dev.rmkit.updater.lifecycle;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.Runs;
import dev.rmkit.updater.apps.AppRelauncher;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.apps.LeftClosed;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code updater restart-apps}: starts the apps an {@code apply --no-restart} left closed, from their
 * recorded argv and working directory, as their own users (like recovery does, {@link AppRelauncher}: one
 * whose owner is not recorded is not started). Each is taken off the record before it is started, so a
 * crash never starts one twice; one that cannot be started is put back for the next attempt.
 */
public final class RestartApps {

    private RestartApps() {}

    public static UpdateReport run(UpdaterContext ctx, Path installDir) {
        InstallLayout layout = new InstallLayout(installDir);
        ReportBuilder report = new ReportBuilder("restart-apps", layout.installDir(), ctx.clock());
        return Runs.lockedExisting(layout, report, () -> {
            try {
                List<ClosedApp> left = LeftClosed.read(layout);
                List<ClosedApp> remaining = new ArrayList<>(left);
                int started = 0;
                for (ClosedApp app : left) {
                    remaining.remove(app);
                    LeftClosed.write(layout, remaining);
                    if (AppRelauncher.relaunch(app, ctx.system().get(), report)) {
                        started++;
                    } else {
                        remaining.add(app);
                        LeftClosed.write(layout, remaining);
                    }
                }
                report.outcome(Outcome.APPS_RESTARTED, left.isEmpty() ? "no application was left closed"
                        : started + " of " + left.size() + " application(s) left closed were started again"
                                + (remaining.isEmpty() ? "" : "; the others stay recorded for the next restart-apps"));
            } catch (IOException e) {
                throw UpdateException.stateUnreadable(layout.appsLeftClosedFile().toString(), e);
            }
        });
    }
}
