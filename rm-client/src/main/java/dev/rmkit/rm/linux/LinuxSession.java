package dev.rmkit.rm.linux;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterAction;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.linux.proc.BootClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * A Restart Manager session on Linux. Its registered resources live in the session file (see
 * {@link SessionStore}) so that a session joined by key, in this or another process, adds to them.
 * The primary session lists, shuts down, restarts, cancels and filters; a joined one only registers and
 * closes, and everything else fails like ERROR_SESSION_CREDENTIAL_CONFLICT.
 */
final class LinuxSession implements RestartSession {

    private static final System.Logger LOG = System.getLogger(LinuxSession.class.getName());
    /** ERROR_SESSION_CREDENTIAL_CONFLICT: the caller is not the session's primary. */
    static final int ERROR_SESSION_CREDENTIAL_CONFLICT = 1219;
    /** ERROR_REQUEST_OUT_OF_SEQUENCE: RmRestart before RmShutdown. */
    static final int ERROR_REQUEST_OUT_OF_SEQUENCE = 776;
    /** ERROR_INVALID_HANDLE: the session has ended. */
    static final int ERROR_INVALID_HANDLE = 6;

    private final LinuxPlatform platform;
    private final String key;
    private final boolean primary;
    /**
     * How long {@link #restartFirstNow} sleeps after the fire. Where the other cores are busy (the closed app's
     * own exit unmaps its memory for milliseconds), the scheduler wakes the armed shell on this thread's core,
     * where it would wait for this thread's next sleep, a few hundred µs of the restart's Java later; its
     * {@code cd} and {@code exec} take 0.3–0.6 ms (docs/performance.md, "Tenth round").
     */
    static final long STEP_ASIDE_NANOS = 1_000_000;
    private final SessionStore store;
    private final Map<FilterTarget, FilterAction> filters = new LinkedHashMap<>();
    private final List<Closed> closed = new ArrayList<>();
    private final Arming arming;
    /** {@link #keptDown}, made once: the restart uses it while the apps are down (no method reference bootstrapped then). */
    private final Predicate<Listed> keptDownFilter = this::keptDown;
    private volatile Operation running;
    private volatile boolean ended;

    LinuxSession(LinuxPlatform platform, SessionStore store, String key, boolean primary) {
        this.platform = platform;
        this.store = store;
        this.key = key;
        this.primary = primary;
        this.arming = new Arming(platform.launcher(), keptDownFilter);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean isPrimary() {
        return primary;
    }

    @Override
    public void registerFiles(Collection<Path> files) throws RmException {
        List<String> names = files.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        register("register files", r -> r.plus(names, List.of(), List.of()));
    }

    @Override
    public void registerProcesses(Collection<ProcessId> processes) throws RmException {
        BootClock clock = platform.proc().clock();
        List<SessionResources.Proc> procs = processes.stream()
                .map(p -> new SessionResources.Proc(p.pid(), clock.ticks(p.startTime()))).toList();
        register("register processes", r -> r.plus(List.of(), procs, List.of()));
    }

    @Override
    public void registerServices(Collection<String> serviceNames) throws RmException {
        for (String s : serviceNames) {
            if (s == null || s.isBlank()) {
                throw new RmException("register services", 160, "a service name must not be blank");
            }
        }
        register("register services", r -> r.plus(List.of(), List.of(), List.copyOf(serviceNames)));
    }

    private void register(String operation, java.util.function.UnaryOperator<SessionResources> change) throws RmException {
        open(operation);
        try {
            store.update(key, change);
        } catch (IOException e) {
            throw new RmException(operation, "cannot update session " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public AffectedApps list() throws RmException {
        return listing("RmGetList").toAffectedApps();
    }

    @Override
    public Map<ProcessId, String> busyReasons() throws RmException {
        Operation op = begin("busy reasons");
        try {
            Listing listing = listing("busy reasons");
            Set<EndSessionFlag> flags = EnumSet.of(EndSessionFlag.CLOSE_APP);
            Queries queries = new Queries(platform.config(), op);
            Map<Listed, String> refusals = queries.ask(listing.apps(), flags, false);
            queries.cancelled(listing.apps().stream().filter(a -> a.cooperating() && !refusals.containsKey(a)).toList(), flags);
            Map<ProcessId, String> out = new LinkedHashMap<>();
            refusals.forEach((a, why) -> out.put(a.app().process(), why));
            return out;
        } finally {
            running = null;
        }
    }

    private Listing listing(String operation) throws RmException {
        primaryOnly(operation);
        try {
            SessionResources r = store.read(key);
            BootClock clock = platform.proc().clock();
            platform.registry().cleanStale();
            return platform.lister().list(
                    r.files().stream().map(Path::of).toList(),
                    r.processes().stream().map(p -> new ProcessId(p.pid(), clock.startTime(p.startTicks()))).toList(),
                    r.services());
        } catch (IOException e) {
            throw new RmException(operation, "cannot list holders: " + e.getMessage(), e);
        }
    }

    @Override
    public ShutdownResult shutdown(Set<ShutdownOption> options, IntConsumer progress) throws RmException {
        return shutdown(options, progress, NOTHING_AFTER);
    }

    @Override
    public ShutdownResult shutdown(Set<ShutdownOption> options, IntConsumer progress, Consumer<ShutdownResult> allClosed)
            throws RmException {
        Operation op = begin("RmShutdown");
        try {
            Progress p = new Progress(progress);
            p.report(0);
            Listing listing = listing("RmShutdown");
            op.checkpoint();
            synchronized (this) {
                return new Shutdown(platform.proc(), platform.config(), op, p, platform.services(), arming,
                        () -> CompileHold.prepare(store.compileDirective(key), System.getenv()))
                        .run(listing, options, a -> filtered(a, FilterAction.NO_SHUTDOWN), closed, allClosed);
            }
        } finally {
            running = null;
        }
    }

    @Override
    public RestartResult restart(IntConsumer progress) throws RmException {
        Operation op = begin("RmRestart");
        try {
            synchronized (this) {
                if (closed.isEmpty()) {
                    throw new RmException("RmRestart", ERROR_REQUEST_OUT_OF_SEQUENCE, "nothing to restart: this session has shut nothing down");
                }
                RestartResult result = new Restart(platform.launcher(), platform.services(), op, new Progress(progress))
                        .run(closed, keptDownFilter);
                closed.forEach(c -> c.armed().disarm()); // what a filter kept down
                closed.clear();
                return result;
            }
        } finally {
            running = null;
        }
    }

    /**
     * No Operation: nothing here can be cancelled. Once it fired, the thread steps aside for {@link
     * #STEP_ASIDE_NANOS}.
     */
    @Override
    public boolean restartFirstNow() {
        if (!primary) {
            return false;
        }
        boolean fired;
        synchronized (this) {
            fired = Restart.firstNow(closed, platform.services(), keptDownFilter);
        }
        if (fired) {
            LockSupport.parkNanos(STEP_ASIDE_NANOS);
        }
        return fired;
    }

    @Override
    public List<AffectedApp> announceEnd(EndNotice notice) throws RmException {
        Operation op = begin("announce end");
        try {
            Listing listing = listing("announce end");
            return new Queries(platform.config(), op).notify(listing.apps(), notice).stream().map(Listed::app).toList();
        } finally {
            running = null;
        }
    }

    private Operation begin(String operation) throws RmException {
        primaryOnly(operation);
        Operation op = new Operation(operation);
        running = op;
        return op;
    }

    @Override
    public void cancel() throws RmException {
        primaryOnly("RmCancelCurrentTask");
        Operation op = running;
        if (op != null) {
            op.cancel();
        }
    }

    @Override
    public synchronized void addFilter(Filter filter) throws RmException {
        primaryOnly("RmAddFilter");
        filters.put(filter.target(), filter.action());
    }

    @Override
    public synchronized void removeFilter(FilterTarget target) throws RmException {
        primaryOnly("RmRemoveFilter");
        if (filters.remove(target) == null) {
            throw new RmException("RmRemoveFilter", 2, "no filter for " + target);
        }
    }

    @Override
    public synchronized List<Filter> filters() throws RmException {
        primaryOnly("RmGetFilterList");
        return filters.entrySet().stream().map(e -> new Filter(e.getKey(), e.getValue())).toList();
    }

    private boolean keptDown(Listed a) {
        return filtered(a, FilterAction.NO_RESTART) || filtered(a, FilterAction.NO_SHUTDOWN);
    }

    private synchronized boolean filtered(Listed a, FilterAction action) {
        for (Map.Entry<FilterTarget, FilterAction> f : filters.entrySet()) {
            if (f.getValue() == action && Filters.matches(f.getKey(), a)) {
                return true;
            }
        }
        return false;
    }

    private void open(String operation) throws RmException {
        if (ended) {
            throw new RmException(operation, ERROR_INVALID_HANDLE, "session " + key + " has ended");
        }
    }

    private void primaryOnly(String operation) throws RmException {
        open(operation);
        if (!primary) {
            throw new RmException(operation, ERROR_SESSION_CREDENTIAL_CONFLICT,
                    "a joined session may only register resources and close");
        }
    }

    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        Operation op = running;
        if (op != null) {
            op.cancel();
        }
        arming.close(); // a launch armed for a restart that did not come never starts
        if (primary) {
            try {
                store.delete(key);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove session file of {0}: {1}", key, e.getMessage());
            }
        }
    }
}
