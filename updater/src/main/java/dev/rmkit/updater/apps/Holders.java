package dev.rmkit.updater.apps;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.Preload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Closes the applications holding the files an update changes (DESIGN step 6): graceful first, so a
 * single refusal closes nothing; with {@code --wait} it asks again until the refusal ends or time runs
 * out; only {@code --force} overrides a refusal. Whatever the end, the result lists every process any
 * attempt stopped, so the report can say what happened to each.
 */
public final class Holders {

    private Holders() {}

    /**
     * A session's progress, not shown: one object, made before any app is closed (the shutdown here, the
     * restart in ClosingSwap), so no lambda is bootstrapped while the apps are down.
     */
    public static final IntConsumer NO_PROGRESS = p -> { };

    /**
     * The classes the code after a successful close needs, loaded and initialised with this class, before
     * any app is asked: read from the jar while the apps are down they cost milliseconds of downtime
     * (docs/performance.md, "The next bar").
     */
    private static final List<Class<?>> AFTER_CLOSE = List.of(Stopped.class, Closed.class);

    static {
        Preload.classes(AFTER_CLOSE);
    }

    /** A process an attempt stopped; {@code overridden} is the refusal {@code --force} overrode, else empty. */
    public record Stopped(AffectedApp app, String overridden) {}

    /** How closing ended. */
    public sealed interface Result permits Closed, Refused, RebootNeeded, Uninspectable {
        /** Every process stopped by any attempt, in the order they were stopped. */
        List<Stopped> stopped();
    }

    /** Every holder is closed (or there was none). {@code downSince} is when the successful attempt began. */
    public record Closed(List<Stopped> stopped, Instant downSince) implements Result {}

    /** Someone refused (or did not close) and the time to wait is over. */
    public record Refused(ShutdownResult last, List<Stopped> stopped) implements Result {}

    /** Only a reboot frees the files (a holder that cannot be closed). */
    public record RebootNeeded(String reason, List<Stopped> stopped) implements Result {}

    /**
     * Processes this user may not inspect might hold the files (root's daemons, for a user's updater),
     * and nothing else stands in the way: only more privileges can tell, a reboot would not. Nothing
     * was asked or closed.
     */
    public record Uninspectable(String reason) implements Result {
        @Override
        public List<Stopped> stopped() {
            return List.of();
        }
    }

    /** What to do when processes could not be inspected; the same words in every report and in {@code holders}. */
    public static final String RUN_AS_ROOT = System.getProperty("os.name", "").startsWith("Windows")
            ? "run as Administrator to see every process" : "run as root to see every process";

    /**
     * What to do so that every process can be inspected: the platform's words where it gives them (a root
     * updater whose kernel hides processes is not told to run as root), else {@link #RUN_AS_ROOT}.
     */
    public static String seeEveryProcess(AffectedApps listed) {
        return listed.permissionAdvice().isBlank() ? RUN_AS_ROOT : listed.permissionAdvice();
    }

    /** What one closing does: force or not, how long to wait out refusals, how often to ask. */
    public record Plan(boolean force, Duration waitFor, Duration retry, Duration closeTimeout) {}

    public static Result close(RestartSession session, AffectedApps listed, Plan plan, Clock clock, WaitSink waits)
            throws RmException, InterruptedException {
        return close(session, listed, plan, clock, waits, RestartSession.NOTHING_AFTER);
    }

    /**
     * As {@link #close(RestartSession, AffectedApps, Plan, Clock, WaitSink)}; {@code allClosed} runs inside the
     * attempt that closes every app ({@link RestartSession#shutdown(Set, IntConsumer, Consumer)}), with its
     * result, where no earlier attempt stopped any: then the apps that result names stopped are exactly {@link
     * Closed#stopped}, in that order.
     */
    public static Result close(RestartSession session, AffectedApps listed, Plan plan, Clock clock, WaitSink waits,
            Consumer<ShutdownResult> allClosed) throws RmException, InterruptedException {
        List<Stopped> stopped = new ArrayList<>();
        if (listed.rebootReasons().equals(Set.of(RebootReason.PERMISSION_DENIED))) {
            return new Uninspectable("processes of other users could not be inspected, and any of them may hold the files: "
                    + seeEveryProcess(listed));
        }
        if (!listed.canShutDown()) {
            return new RebootNeeded("holders that cannot be closed: " + listed.rebootReasons() + critical(listed), stopped);
        }
        Instant deadline = clock.instant().plus(plan.waitFor());
        Set<ShutdownOption> options = plan.force() ? EnumSet.of(ShutdownOption.FORCE) : EnumSet.noneOf(ShutdownOption.class);
        try {
            while (true) {
                Instant attempt = clock.instant();
                waits.closing(listed.apps(), plan.closeTimeout());
                ShutdownResult r = session.shutdown(options, NO_PROGRESS, stopped.isEmpty() ? allClosed : RestartSession.NOTHING_AFTER);
                // From here to the return of Closed the apps are down: plain code, the classes loaded before
                // (see AFTER_CLOSE), and an if, not a switch on another class's enum (its map is a class too).
                collect(r, stopped);
                if (r.outcome() == ShutdownResult.Outcome.COMPLETE) {
                    return new Closed(stopped, attempt);
                }
                if (r.outcome() == ShutdownResult.Outcome.REBOOT_REQUIRED) {
                    return new RebootNeeded("the platform says only a reboot frees the files", stopped);
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return new Refused(r, stopped);
                }
                waits.waiting(r.apps().stream().filter(o -> refusedOrFailed(o.app())).toList(), left);
                Thread.sleep(Math.max(1, Math.min(plan.retry().toMillis(), left.toMillis())));
                listed = session.list();
            }
        } finally {
            waits.done();
        }
    }

    private static void collect(ShutdownResult r, List<Stopped> stopped) {
        for (AffectedApp a : stoppedBy(r)) {
            if (!contains(stopped, a.process())) {
                // no lookup (a record's hashCode) unless something was overridden: the apps are down
                stopped.add(new Stopped(a, r.overridden().isEmpty() ? "" : r.overridden().getOrDefault(a.process(), "")));
            }
        }
    }

    /** The apps {@code r} names stopped, in its order: {@link Closed#stopped} where no attempt before it stopped any. */
    public static List<AffectedApp> stoppedBy(ShutdownResult r) {
        List<AffectedApp> out = new ArrayList<>();
        for (AppOutcome o : r.apps()) {
            if (stopped(o.app())) {
                out.add(o.app());
            }
        }
        return out;
    }

    private static boolean contains(List<Stopped> stopped, ProcessId process) {
        for (Stopped s : stopped) {
            if (same(s.app().process(), process)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code a} and {@code b} are the same process: {@link ProcessId#equals} written out, since a
     * record's generated {@code equals} runs through method handles that the JIT compiles when they turn
     * hot, which is best not while the apps are down.
     */
    public static boolean same(ProcessId a, ProcessId b) {
        return a.pid() == b.pid() && a.startTime().equals(b.startTime());
    }

    /** The holders that cannot be closed, by name (a service by its unit), for the reason's text. */
    private static String critical(AffectedApps listed) {
        List<String> names = listed.apps().stream().filter(a -> a.type() == AppType.CRITICAL)
                .map(a -> a.name() + " (pid " + a.process().pid() + ")").toList();
        return names.isEmpty() ? "" : " - " + String.join(", ", names);
    }

    /** True if the app was actually closed by the session. */
    public static boolean stopped(AffectedApp app) {
        return app.status().contains(AppStatus.STOPPED) && !app.status().contains(AppStatus.ERROR_ON_STOP);
    }

    /** True if the app refused, or did not close: it is still running because of itself. */
    public static boolean refusedOrFailed(AffectedApp app) {
        return app.status().contains(AppStatus.ERROR_ON_STOP);
    }

    /**
     * Who runs each listed app that registered a restart command, read while they still run, so a
     * recovery after the updater died can start them as their own users (empty where the platform
     * does not say).
     */
    public static Map<ProcessId, AppOwner> owners(AffectedApps listed, SystemControl system) {
        Map<ProcessId, AppOwner> out = new HashMap<>();
        for (AffectedApp a : listed.apps()) {
            if (a.restartCommand().isPresent()) {
                system.ownerOf(a.process()).ifPresent(o -> out.put(a.process(), o));
            }
        }
        return out;
    }

    /**
     * The services among the listed apps that a shutdown stops through their service manager, read
     * while they still run ({@link SystemControl#serviceOf}), so the journal can name them before they
     * are stopped; by process, several processes of one unit naming the same unit.
     */
    public static Map<ProcessId, ServiceUnit> services(AffectedApps listed, SystemControl system) {
        Map<ProcessId, ServiceUnit> out = new LinkedHashMap<>();
        for (AffectedApp a : listed.apps()) {
            if (a.type() == AppType.SERVICE && a.restartable()) {
                system.serviceOf(a.process()).ifPresent(s -> out.put(a.process(), s));
            }
        }
        return out;
    }

    /** The journal's record of a closed app: enough to start it again, as its user (a service: by its unit), without the session. */
    public static ClosedApp record(AffectedApp app, Map<ProcessId, AppOwner> owners, Map<ProcessId, ServiceUnit> services) {
        if (services.containsKey(app.process())) {
            return ClosedApp.of(services.get(app.process()), app.process().pid());
        }
        ClosedApp c = app.restartCommand()
                .map(r -> new ClosedApp(app.name(), app.process().pid(), r.argv(), r.workingDirectory().toString()))
                .orElse(new ClosedApp(app.name(), app.process().pid(), List.of(), ""));
        AppOwner owner = owners.get(app.process());
        return (owner == null ? c : c.withOwner(owner)).withProcess(app.process());
    }
}
