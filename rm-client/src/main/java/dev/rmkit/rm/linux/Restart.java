package dev.rmkit.rm.linux;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * RmRestart on Linux: in reverse shutdown order, every app this session closed is reported, and those
 * that registered a restart command (validated against the live process when it was listed) are started
 * again with it, as their own user. An app whose registry entry was ignored is never started from that
 * entry; its outcome says why. A no-restart filter or the app's own NO_PATCH flag keeps it down without
 * counting as a failure. A service stopped through systemd is started again through it
 * ({@link ServiceControl}), services first, since the apps may need them.
 */
public final class Restart {

    private final Launcher launcher;
    private final Operation op;
    private final Progress progress;

    private final ServiceControl services;

    Restart(Launcher launcher, ServiceControl services, Operation op, Progress progress) {
        this.launcher = launcher;
        this.services = services;
        this.op = op;
        this.progress = progress;
    }

    RestartResult run(List<Closed> closed, Predicate<Listed> noRestart) throws RmException {
        progress.report(0);
        List<AppOutcome> outcomes = new ArrayList<>();
        List<Closed> order = new ArrayList<>(closed);
        java.util.Collections.reverse(order);
        ServiceControl.Starts starts = services.new Starts();
        for (int i = 0; i < order.size(); i++) {
            if (!order.get(i).armed().fired()) {
                op.checkpoint(); // a cancel stops what has not started; one started by firstNow is reported
            }
            Listed l = order.get(i).listed();
            outcomes.add(services.manages(l) && !noRestart.test(l) ? starts.start(l) : restartOne(order.get(i), noRestart));
            progress.step(0, 99, i + 1, order.size());
        }
        progress.report(100);
        return new RestartResult(outcomes);
    }

    /**
     * Fires the armed launch of the first app {@link #run} would restart, if it is an app (not a service)
     * that {@link #restartOne} would launch: the same checks, in the same order, so {@code run} then finds it
     * fired and only waits for its proof ({@link Launcher#fireNow}). Returns whether it fired.
     */
    static boolean firstNow(List<Closed> closed, ServiceControl services, Predicate<Listed> noRestart) {
        if (closed.isEmpty()) {
            return false;
        }
        Closed c = closed.get(closed.size() - 1); // run restarts in reverse shutdown order
        Listed l = c.listed();
        Optional<RestartCommand> command = c.command();
        return !services.manages(l) && l.ignoredEntry().isEmpty() && command.isPresent() && !noRestart.test(l)
                && !command.get().flags().contains(RestartFlag.NO_PATCH) && Launcher.fireNow(command.get(), c.armed().take());
    }

    private AppOutcome restartOne(Closed c, Predicate<Listed> noRestart) {
        Listed l = c.listed();
        Optional<RestartCommand> command = c.command(); // parsed before the close (Closed)
        if (c.armed().fired()) {
            return launch(c, command.get()); // by firstNow, after the checks below: it runs, whatever a filter says now
        }
        EnumSet<AppStatus> stopped = EnumSet.of(AppStatus.STOPPED);
        if (l.ignoredEntry().isPresent()) {
            return AppOutcome.failed(l.app().withStatus(stopped), "not restarted: " + l.ignoredEntry().get());
        }
        if (command.isEmpty()) {
            return AppOutcome.ok(l.app().withStatus(stopped));
        }
        if (noRestart.test(l)) {
            return AppOutcome.ok(l.app().withStatus(EnumSet.of(AppStatus.STOPPED, AppStatus.RESTART_MASKED)));
        }
        if (command.get().flags().contains(RestartFlag.NO_PATCH)) {
            return AppOutcome.ok(l.app().withStatus(stopped));
        }
        return launch(c, command.get());
    }

    /** Fires its armed launch, or starts it afresh, and waits for the proof. */
    private AppOutcome launch(Closed c, RestartCommand command) {
        Listed l = c.listed();
        try {
            ProcessId started = launcher.launch(command, l.status().uid(), l.status().gid(), c.environment(),
                    l.registration().get().runtimeDir(), c.armed().take());
            return new AppOutcome(l.app().withStatus(EnumSet.of(AppStatus.STOPPED, AppStatus.RESTARTED)),
                    Optional.empty(), Optional.of(started));
        } catch (RmException e) {
            return AppOutcome.failed(l.app().withStatus(EnumSet.of(AppStatus.STOPPED, AppStatus.ERROR_ON_RESTART)), e.getMessage());
        }
    }
}
