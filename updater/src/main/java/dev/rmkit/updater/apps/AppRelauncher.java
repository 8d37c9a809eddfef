package dev.rmkit.updater.apps;

import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ServiceStart;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Starts again the apps an updater closed and then died without restarting (their restart session
 * died with it), from the journal's argv and working directory, through the platform
 * ({@link SystemControl#startAs}): as each app's own user, detached, never with more rights than that
 * user has. An app whose owner the journal does not know is not started: the updater may be elevated
 * (or root), and a registered command is text any process of that user could have set. A service is
 * started again through its service manager by its unit ({@link SystemControl#startService}): services
 * first, since the apps may need them, and each unit once; one that is already up is left alone.
 */
public final class AppRelauncher {

    private AppRelauncher() {}

    /** Starts the services, then the apps. */
    public static void relaunch(List<ClosedApp> apps, List<ServiceUnit> services, SystemControl system,
            ReportBuilder report) {
        for (ServiceUnit s : new LinkedHashSet<>(services)) {
            start(s, 0, system, report);
        }
        relaunch(apps, system, report);
    }

    public static void relaunch(List<ClosedApp> apps, SystemControl system, ReportBuilder report) {
        for (ClosedApp app : apps) {
            relaunch(app, system, report);
        }
    }

    /** Starts one app (or service); the report says how it went. Returns whether it is up again. */
    public static boolean relaunch(ClosedApp app, SystemControl system, ReportBuilder report) {
        if (app.process().isPresent() && system.isRunning(app.process().get()).orElse(false)) {
            // The journal is written before the apps are asked to close: an updater that died before it
            // closed this one left it running, and starting it would run it twice.
            report.note(Shown.argv(List.of(app.name())) + " (pid " + app.pid() + ") still runs: the interrupted run"
                    + " had not closed it, so it was left alone");
            return true;
        }
        if (app.knownService().isPresent()) {
            return start(app.knownService().get(), app.pid(), system, report);
        }
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

    /** Starts {@code service} unless it is up; {@code oldPid} is its process before (0 if not known). */
    private static boolean start(ServiceUnit service, long oldPid, SystemControl system, ReportBuilder report) {
        try {
            ServiceStart s = system.startService(service);
            long pid = s.mainProcess().map(p -> p.pid()).orElse(0L);
            if (s.alreadyRunning()) {
                report.note(service + " was already running" + (pid > 0 ? " (pid " + pid + ")" : "") + "; it was left alone");
            } else {
                report.restarted(new AppReport(service.name(), pid, ""));
            }
            return true;
        } catch (RmException | RuntimeException e) {
            report.restartFailed(new AppReport(service.name(), oldPid, "restart failed: " + e.getMessage()));
            return false;
        }
    }
}
