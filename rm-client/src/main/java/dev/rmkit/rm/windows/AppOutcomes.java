package dev.rmkit.rm.windows;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.ShutdownOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Why an application is still running after RmShutdown, or was not restarted after RmRestart,
 * decoded from its RM_APP_STATUS and type. RM does not tell a veto's reason across processes
 * (ShutdownBlockReasonQuery only works for the caller's own windows), so a veto reads "refused to close".
 */
final class AppOutcomes {

    private AppOutcomes() {}

    /** Empty when the app was closed; otherwise a reason a person understands. */
    static Optional<String> shutdownReason(AffectedApp app, Set<ShutdownOption> options) {
        Set<AppStatus> s = app.status();
        if (s.contains(AppStatus.STOPPED) || s.contains(AppStatus.STOPPED_OTHER)) {
            return Optional.empty();
        }
        if (s.contains(AppStatus.SHUTDOWN_MASKED)) {
            return Optional.of("kept running by a no-shutdown filter");
        }
        if (s.contains(AppStatus.ERROR_ON_STOP)) {
            return Optional.of("refused to close or did not close in time");
        }
        if (app.type() == AppType.CRITICAL) {
            return Optional.of("a critical process: only a reboot frees its files");
        }
        if (app.type() == AppType.UNKNOWN && !options.contains(ShutdownOption.FORCE)) {
            return Optional.of("has no window or console to ask; only a forced shutdown closes it");
        }
        if (options.contains(ShutdownOption.ONLY_REGISTERED) && !app.restartable()) {
            return Optional.of("not registered for restart, so an only-registered shutdown closes nothing");
        }
        return Optional.of("still running: the shutdown stopped before closing it");
    }

    /** Empty when a fresh RmGetList after RmRestart shows the app restarted; otherwise why not. */
    static Optional<String> restartReason(AffectedApp app) {
        Set<AppStatus> s = app.status();
        if (s.contains(AppStatus.RESTART_MASKED)) {
            return Optional.of("a no-restart filter kept it from restarting");
        }
        if (s.contains(AppStatus.ERROR_ON_RESTART)) {
            return Optional.of("could not be restarted");
        }
        if (!app.restartable()) {
            return Optional.of("not registered for restart");
        }
        if (!s.contains(AppStatus.RESTARTED)) {
            return Optional.of("not restarted: the Restart Manager restarts neither elevated apps nor apps of"
                    + " other users, and did not report restarting this one");
        }
        return Optional.empty();
    }

    /**
     * The apps of a shutdown: those listed before it, with only the status taken from a fresh list
     * taken after it. Everything else — above all the restart command — stays as read before the
     * shutdown, while the process still ran: afterwards it has exited and its registration can no
     * longer be read (or, once its pid is reused, would be another process's). An app missing from the
     * fresh list has exited, so it counts as stopped when RmShutdown succeeded.
     */
    static List<AffectedApp> merge(List<AffectedApp> before, List<AffectedApp> after, boolean succeeded) {
        Map<ProcessId, AffectedApp> byId = new LinkedHashMap<>();
        for (AffectedApp a : after) {
            byId.put(a.process(), a);
        }
        List<AffectedApp> out = new ArrayList<>();
        for (AffectedApp b : before) {
            AffectedApp a = byId.remove(b.process());
            if (a != null) {
                out.add(b.withStatus(a.status()));
            } else if (succeeded) {
                EnumSet<AppStatus> st = EnumSet.of(AppStatus.STOPPED);
                out.add(b.withStatus(st));
            } else {
                out.add(b);
            }
        }
        out.addAll(byId.values());
        return out;
    }

    static List<AppOutcome> ofShutdown(List<AffectedApp> apps, Set<ShutdownOption> options) {
        List<AppOutcome> out = new ArrayList<>();
        for (AffectedApp a : apps) {
            out.add(new AppOutcome(a, shutdownReason(a, options), Optional.empty()));
        }
        return out;
    }
}
