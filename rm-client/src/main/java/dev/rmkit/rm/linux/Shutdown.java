package dev.rmkit.rm.linux;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.linux.proc.ProcFs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * RmShutdown on Linux. In order: a fresh listing; any reboot reason closes nothing
 * (REBOOT_REQUIRED); no-shutdown filters mask apps; ONLY_REGISTERED closes nothing unless every app is
 * registered for restart; every cooperating app is queried, and without FORCE one refusal (or no answer)
 * closes nothing and tells the others the end was cancelled (ERROR_FAIL_SHUTDOWN); then {@link Closer}
 * signals the processes that cannot be asked (console apps, others, services) and only once they are all
 * gone tells the cooperating apps to end; if one survives, no cooperating app is closed (they are told the
 * end was cancelled). A service where systemd is the init is stopped by {@code systemctl stop}
 * ({@link ServiceControl}) in its place in that order. A forced shutdown names every refusal it overrode.
 * Before the first app is told to end, new compiles of this JVM are held ({@link CompileHold}) until the
 * caller's {@code allClosed} has run, and then the running ones waited out ({@link QuietJit}).
 */
final class Shutdown {

    /**
     * The classes that the code between an app's exit and its restart's launch needs (the rest of this
     * shutdown, {@link Restart}), loaded and initialised with this class, before any app is told to end.
     * Read from the jar while the apps were down they cost milliseconds of downtime (docs/performance.md);
     * that code also has no lambdas or streams, whose first run bootstraps a class as well.
     */
    private static final List<Class<?>> AFTER_CLOSE = List.of(Closer.Exited.class, Closed.class, ShutdownResult.class,
            ShutdownResult.Outcome.class, Restart.class, ServiceControl.Starts.class);

    static {
        for (Class<?> c : AFTER_CLOSE) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new LinkageError("rm-client is incomplete: " + c.getName(), e);
            }
        }
    }

    /**
     * How long the apps wait, once they all agreed, for their restarts to be armed before they are told to
     * end: the chain's process starts (tens of milliseconds through systemd-run) then fall before the
     * downtime, not between an app's exit and its restart. A launch not ready by then is fired when it is.
     */
    static final Duration ARM_WAIT = Duration.ofSeconds(2);

    private final ProcFs proc;
    private final LinuxConfig config;
    private final Operation op;
    private final Progress progress;

    private final ServiceControl services;
    private final Arming arming;
    private final Supplier<CompileHold> compiles;

    Shutdown(ProcFs proc, LinuxConfig config, Operation op, Progress progress, ServiceControl services, Arming arming,
            Supplier<CompileHold> compiles) {
        this.compiles = compiles;
        this.services = services;
        this.arming = arming;
        this.proc = proc;
        this.config = config;
        this.op = op;
        this.progress = progress;
    }

    /** Runs the shutdown over {@code listing}; adds what it closed to {@code closed}. */
    ShutdownResult run(Listing listing, Set<ShutdownOption> options, Predicate<Listed> masked, List<Closed> closed,
            Consumer<ShutdownResult> allClosed) throws RmException {
        boolean force = options.contains(ShutdownOption.FORCE);
        Outcomes outcomes = new Outcomes();
        if (!listing.rebootReasons().isEmpty()) {
            String why = "not closed: only a reboot can free the files (" + listing.rebootReasons() + ")";
            listing.apps().forEach(a -> outcomes.put(a, AppOutcome.failed(a.app(), why)));
            return done(ShutdownResult.Outcome.REBOOT_REQUIRED, outcomes);
        }
        List<Listed> targets = new ArrayList<>();
        for (Listed a : listing.apps()) {
            if (masked.test(a)) {
                outcomes.put(a, AppOutcome.failed(a.app().withStatus(EnumSet.of(AppStatus.RUNNING, AppStatus.SHUTDOWN_MASKED)),
                        "kept running by a no-shutdown filter"));
            } else {
                targets.add(a);
                outcomes.put(a, AppOutcome.ok(a.app()));
            }
        }
        if (options.contains(ShutdownOption.ONLY_REGISTERED) && targets.stream().anyMatch(a -> !a.app().restartable())) {
            for (Listed a : targets) {
                if (!a.app().restartable()) {
                    outcomes.put(a, AppOutcome.failed(a.app(), "not registered for restart; an only-registered shutdown closes nothing"));
                }
            }
            return done(ShutdownResult.Outcome.NOT_ALL_CLOSED, outcomes);
        }
        CompileHold compiles = targets.isEmpty() ? CompileHold.off() : this.compiles.get();
        try {
            return askAndClose(targets, force, outcomes, closed, allClosed, compiles);
        } finally {
            compiles.release();
        }
    }

    /** Asks the targets, arms their restarts and closes them (the class comment); compiles held for the close. */
    private ShutdownResult askAndClose(List<Listed> targets, boolean force, Outcomes outcomes, List<Closed> closed,
            Consumer<ShutdownResult> allClosed, CompileHold compiles) throws RmException {
        progress.report(10);
        Set<EndSessionFlag> flags = force ? EnumSet.of(EndSessionFlag.CLOSE_APP, EndSessionFlag.CRITICAL)
                : EnumSet.of(EndSessionFlag.CLOSE_APP);
        Map<Listed, String> refusals = new Queries(config, op).ask(targets, flags, force);
        progress.report(30);
        if (!refusals.isEmpty() && !force) {
            refusals.forEach((a, why) -> outcomes.put(a,
                    AppOutcome.failed(a.app().withStatus(EnumSet.of(AppStatus.RUNNING, AppStatus.ERROR_ON_STOP)), why)));
            new Queries(config, op).cancelled(targets.stream().filter(a -> a.cooperating() && !refusals.containsKey(a)).toList(), flags);
            return done(ShutdownResult.Outcome.NOT_ALL_CLOSED, outcomes);
        }
        Map<ProcessId, String> overridden = new LinkedHashMap<>();
        if (force) {
            refusals.forEach((a, why) -> overridden.put(a.app().process(), why));
        }
        // The rule (docs/linux-protocol.md 1.6): what cannot be asked is signalled first; the cooperating
        // apps end only once all of it is gone, so a survivor costs no cooperating app its session.
        targets.sort(Comparator.comparingInt(Shutdown::order));
        List<Arming.Slot> armed = arm(targets);
        op.checkpoint(); // cancelled while the restarts were armed: nothing was closed, the session disarms them
        compiles.awaitPrepared();
        compiles.hold(); // no compile starts from here until allClosed has run (released by run) ...
        QuietJit.await(config.procRoot(), QuietJit.LIMIT); // ... and none started before is left running into the downtime
        op.checkpoint();
        List<Closed> ready = closedAhead(targets, armed);
        List<AppOutcome> stoppedOutcomes = stoppedAhead(targets);
        Closer closer = new Closer(proc, config, op, force);
        ServiceControl.Stops stops = services.new Stops(op);
        boolean survivor = false; // a holder that did not close
        for (int i = 0; i < targets.size(); i++) {
            Listed a = targets.get(i);
            Arming.Slot slot = armed.get(i);
            if (survivor && a.cooperating()) {
                slot.disarm();
                continue; // left running, untouched: outcome RUNNING without a reason
            }
            Optional<String> failure = services.manages(a) ? stops.stop(a) : closer.close(a, flags);
            if (failure.isEmpty()) {
                closed.add(ready.get(i));
                outcomes.put(a, stoppedOutcomes.get(i));
            } else if (failure.get().equals(Closer.GONE)) {
                slot.disarm();
                outcomes.put(a, AppOutcome.ok(a.app().withStatus(EnumSet.of(AppStatus.STOPPED_OTHER))));
            } else {
                slot.disarm();
                survivor = true;
                outcomes.put(a, AppOutcome.failed(
                        a.app().withStatus(EnumSet.of(AppStatus.RUNNING, AppStatus.ERROR_ON_STOP)), failure.get()));
            }
            progress.step(30, 99, i + 1, targets.size());
        }
        if (survivor) {
            List<Listed> spared = targets.stream().filter(a -> a.cooperating() && outcomes.get(a).app().status()
                    .equals(EnumSet.of(AppStatus.RUNNING))).toList();
            new Queries(config, op).cancelled(spared, flags);
        }
        boolean all = true;
        for (AppOutcome o : outcomes.values()) { // a loop, not a stream: the apps are down (see AFTER_CLOSE)
            all &= o.reason().isEmpty();
        }
        ShutdownResult result = done(all ? ShutdownResult.Outcome.COMPLETE : ShutdownResult.Outcome.NOT_ALL_CLOSED,
                outcomes, overridden);
        if (all) {
            allClosed.accept(result); // the caller's swap, before this session's return (RestartSession#shutdown)
        }
        return result;
    }

    /**
     * Reads each target's environment (what its restart needs) and arms the restart of those a
     * restart would start by their command ({@link Arming}): now, once every app has agreed to close
     * and before any is told to end, so that the process starts overlap neither the apps' exits nor the
     * updater's work after them (on two cores they measurably slowed the apps' exits). Then waits, at most
     * {@link #ARM_WAIT}, until every armed shell is waiting to be fired: a chain still starting when its app
     * had exited was a few milliseconds of downtime (tens through systemd-run).
     */
    private List<Arming.Slot> arm(List<Listed> targets) {
        List<Arming.Slot> slots = new ArrayList<>();
        for (Listed a : targets) {
            Arming.Slot slot = arming.slot(a, proc.environment(a.pid()).orElse(Map.of()));
            if (!services.manages(a)) {
                slot.arm();
            }
            slots.add(slot);
        }
        long deadline = System.nanoTime() + ARM_WAIT.toNanos();
        for (Arming.Slot slot : slots) {
            slot.awaitReady(deadline);
        }
        return slots;
    }

    /**
     * What each target's record is once it has closed, made before the first app is told to end: built
     * after an app's exit, these records cost the downtime tens of microseconds each (docs/performance.md,
     * "Eighth round").
     */
    private static List<Closed> closedAhead(List<Listed> targets, List<Arming.Slot> armed) {
        List<Closed> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            out.add(new Closed(targets.get(i), armed.get(i).environment(), armed.get(i)));
        }
        return out;
    }

    /** Each target's outcome once it has closed (STOPPED), made before the close like {@link #closedAhead}. */
    private static List<AppOutcome> stoppedAhead(List<Listed> targets) {
        List<AppOutcome> out = new ArrayList<>();
        for (Listed a : targets) {
            out.add(AppOutcome.ok(a.app().withStatus(EnumSet.of(AppStatus.STOPPED))));
        }
        return out;
    }

    private ShutdownResult done(ShutdownResult.Outcome outcome, Outcomes outcomes) {
        return done(outcome, outcomes, Map.of());
    }

    private ShutdownResult done(ShutdownResult.Outcome outcome, Outcomes outcomes,
            Map<ProcessId, String> overridden) {
        progress.report(100);
        return new ShutdownResult(outcome, outcomes.values(), overridden);
    }

    /**
     * The closing order: the processes that cannot be asked (console apps, the rest, services), then
     * the cooperating apps. Unlike RmShutdown, which ends windowed apps first, a non-cooperating holder
     * that survives SIGTERM must not have cost a cooperating app its session.
     */
    private static int order(Listed a) {
        if (a.cooperating()) {
            return 3;
        }
        return switch (a.app().type()) {
            case CONSOLE -> 0;
            case SERVICE -> 2;
            default -> 1;
        };
    }
}
