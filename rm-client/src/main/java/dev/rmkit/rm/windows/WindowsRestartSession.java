package dev.rmkit.rm.windows;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.NativeFlag;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.ShutdownResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * A Restart Manager session over {@link RmApi}. Encodes the rules of reference/windows-api.md §1-§2:
 * registration in batches of at most 1000; the RmGetList retry loop; a joined session may only
 * register and end; after any RmShutdown that did not succeed, RmRestart is attempted at once (apps
 * closed before a veto stay closed otherwise, and the portable contract says a refusal closes
 * nothing); RmEndSession exactly once, on close.
 *
 * <p>After a successful shutdown, restarting is the caller's decision: call {@link #restart} (an
 * updater does so in a finally block unless told not to restart).
 */
final class WindowsRestartSession implements RestartSession {

    private static final System.Logger LOG = System.getLogger(WindowsRestartSession.class.getName());

    private final RmApi api;
    private final int handle;
    private final String key;
    private final boolean primary;
    private final ProcessInfos infos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<AffectedApp> lastStopped = List.of();

    private WindowsRestartSession(RmApi api, int handle, String key, boolean primary, ProcessInfos infos) {
        this.api = api;
        this.handle = handle;
        this.key = key;
        this.primary = primary;
        this.infos = infos;
    }

    static WindowsRestartSession start(RmApi api, ProcessInfos infos) throws RmException {
        int[] h = {0};
        char[] buffer = SessionKeys.newBuffer();
        Win32Errors.check("RmStartSession", api.startSession(h, buffer));
        String key = SessionKeys.decode(buffer);
        if (key.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "RmStartSession returned no session key (Wine does this); "
                    + "the session cannot be joined");
        }
        return new WindowsRestartSession(api, h[0], key, true, infos);
    }

    static WindowsRestartSession join(RmApi api, String key, ProcessInfos infos) throws RmException {
        char[] nativeKey = SessionKeys.toNative(key);
        int[] h = {0};
        Win32Errors.check("RmJoinSession", api.joinSession(h, nativeKey));
        return new WindowsRestartSession(api, h[0], key, false, infos);
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
        ensureOpen("RmRegisterResources");
        List<String> names = new ArrayList<>();
        for (Path p : files) {
            Path abs = Objects.requireNonNull(p, "file").toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                // RmGetList would later fail with ERROR_ACCESS_DENIED; say so now, before registering anything.
                throw new RmException("RmRegisterResources", "register files, not directories: " + abs);
            }
            names.add(abs.toString());
        }
        for (List<String> batch : Batches.of(names, Batches.MAX_PER_CALL)) {
            Win32Errors.check("RmRegisterResources", api.registerResources(handle, batch, List.of(), List.of()));
        }
    }

    @Override
    public void registerProcesses(Collection<ProcessId> processes) throws RmException {
        ensureOpen("RmRegisterResources");
        List<ProcessId> ids = List.copyOf(processes);
        for (ProcessId id : ids) {
            if (id.pid() > 0xFFFF_FFFFL) {
                throw new RmException("RmRegisterResources", "not a Windows process id: " + id.pid());
            }
        }
        for (List<ProcessId> batch : Batches.of(ids, Batches.MAX_PER_CALL)) {
            Win32Errors.check("RmRegisterResources", api.registerResources(handle, List.of(), batch, List.of()));
        }
    }

    @Override
    public void registerServices(Collection<String> serviceNames) throws RmException {
        ensureOpen("RmRegisterResources");
        List<String> names = List.copyOf(serviceNames);
        for (String n : names) {
            if (n.isBlank()) {
                throw new RmException("RmRegisterResources", "a service name is blank");
            }
        }
        for (List<String> batch : Batches.of(names, Batches.MAX_PER_CALL)) {
            Win32Errors.check("RmRegisterResources", api.registerResources(handle, List.of(), List.of(), batch));
        }
    }

    @Override
    public AffectedApps list() throws RmException {
        ensureOpen("RmGetList");
        AffectedList.Snapshot snap = AffectedList.fetch(api, handle);
        return new AffectedApps(infos.toApps(snap.apps()), NativeFlag.fromMask(RebootReason.class, snap.rebootReasons()));
    }

    @Override
    public ShutdownResult shutdown(Set<ShutdownOption> options, IntConsumer progress) throws RmException {
        requirePrimary("RmShutdown");
        Set<ShutdownOption> opts = options.isEmpty() ? EnumSet.noneOf(ShutdownOption.class) : EnumSet.copyOf(options);
        AffectedApps before = list();
        int code = api.shutdown(handle, NativeFlag.toMask(opts), Progress.monotonic(progress));
        try {
            return switch (code) {
                case Win32Errors.ERROR_SUCCESS -> completed(Outcome.COMPLETE, before, opts, true);
                case Win32Errors.ERROR_FAIL_SHUTDOWN -> completed(Outcome.NOT_ALL_CLOSED, before, opts, false);
                case Win32Errors.ERROR_FAIL_NOACTION_REBOOT -> rebootRequired(before);
                default -> throw Win32Errors.exception("RmShutdown", code);
            };
        } finally {
            if (code != Win32Errors.ERROR_SUCCESS) {
                restartAfterFailedShutdown(code);
            }
        }
    }

    private ShutdownResult completed(Outcome outcome, AffectedApps before, Set<ShutdownOption> opts, boolean ok)
            throws RmException {
        List<AffectedApp> apps = AppOutcomes.merge(before.apps(), list().apps(), ok);
        if (ok) {
            lastStopped = apps.stream().filter(a -> a.status().contains(AppStatus.STOPPED)).toList();
        }
        return new ShutdownResult(outcome, AppOutcomes.ofShutdown(apps, opts));
    }

    private static ShutdownResult rebootRequired(AffectedApps before) {
        String why = before.rebootReasons().isEmpty()
                ? "nothing was closed: only a reboot can free the files"
                : "nothing was closed: only a reboot can free the files (" + before.rebootReasons() + ")";
        List<AppOutcome> apps = before.apps().stream().map(a -> AppOutcome.failed(a, why)).toList();
        return new ShutdownResult(Outcome.REBOOT_REQUIRED, apps);
    }

    /** RM leaves apps closed before a failure closed; bring them back. Never throws: the shutdown's result wins. */
    private void restartAfterFailedShutdown(int shutdownCode) {
        try {
            int rc = api.restart(handle, p -> {});
            LOG.log(rc == 0 ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    "RmRestart after RmShutdown returned {0}: {1}", shutdownCode,
                    rc == 0 ? "done" : Win32Errors.describe(rc) + " (error " + rc + ")");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "RmRestart after a failed RmShutdown threw", e);
        }
    }

    /**
     * RmRestart, then a fresh RmGetList: RmRestart returns ERROR_SUCCESS even when it skipped apps
     * (elevated ones, other users'), so each app's outcome comes from the RmStatusRestarted /
     * RmStatusErrorOnRestart bits the new list shows, never from the return code alone. An app the
     * new list no longer shows is not reported as restarted.
     */
    @Override
    public RestartResult restart(IntConsumer progress) throws RmException {
        requirePrimary("RmRestart");
        int code = api.restart(handle, Progress.monotonic(progress));
        List<AffectedApp> stopped = lastStopped;
        if (code != Win32Errors.ERROR_SUCCESS && code != Win32Errors.ERROR_FAIL_RESTART) {
            throw Win32Errors.exception("RmRestart", code);
        }
        lastStopped = List.of();
        Map<ProcessId, AffectedApp> now = new HashMap<>();
        String unchecked = null;
        try {
            for (AffectedApp a : list().apps()) {
                now.put(a.process(), a);
            }
        } catch (RmException e) {
            unchecked = "restart not confirmed: RmGetList after RmRestart failed (" + e.getMessage() + ")";
        }
        List<AppOutcome> out = new ArrayList<>();
        for (AffectedApp a : stopped) {
            AffectedApp seen = now.get(a.process());
            if (seen == null) {
                out.add(new AppOutcome(a, Optional.of(unchecked != null ? unchecked
                        : "not restarted: the Restart Manager no longer lists it after RmRestart"), Optional.empty()));
                continue;
            }
            AffectedApp shown = a.withStatus(seen.status());
            out.add(new AppOutcome(shown, AppOutcomes.restartReason(shown), Optional.empty()));
        }
        return new RestartResult(out);
    }

    @Override
    public void cancel() throws RmException {
        requirePrimary("RmCancelCurrentTask");
        Win32Errors.check("RmCancelCurrentTask", api.cancelCurrentTask(handle));
    }

    @Override
    public void addFilter(Filter filter) throws RmException {
        requirePrimary("RmAddFilter");
        Win32Errors.check("RmAddFilter", api.addFilter(handle, filter.target(), filter.action().nativeValue()));
    }

    @Override
    public void removeFilter(FilterTarget target) throws RmException {
        requirePrimary("RmRemoveFilter");
        Win32Errors.check("RmRemoveFilter", api.removeFilter(handle, Objects.requireNonNull(target, "target")));
    }

    @Override
    public List<Filter> filters() throws RmException {
        requirePrimary("RmGetFilterList");
        int capacity = 0;
        for (int round = 0; round < AffectedList.MAX_ROUNDS; round++) {
            int[] needed = {0};
            List<Filter> out = new ArrayList<>();
            int code = api.getFilterList(handle, capacity, needed, out);
            if (code == Win32Errors.ERROR_SUCCESS) {
                return List.copyOf(out);
            }
            if (code != Win32Errors.ERROR_MORE_DATA) {
                throw Win32Errors.exception("RmGetFilterList", code);
            }
            capacity = Math.max(needed[0], capacity + 1);
        }
        throw new RmException("RmGetFilterList", Win32Errors.ERROR_MORE_DATA, "the filter list kept growing");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        int rc = api.endSession(handle);
        if (rc != Win32Errors.ERROR_SUCCESS) {
            LOG.log(System.Logger.Level.WARNING, "RmEndSession failed: {0} (error {1})", Win32Errors.describe(rc), rc);
        }
    }

    private void ensureOpen(String operation) throws RmException {
        if (closed.get()) {
            throw new RmException(operation, Win32Errors.ERROR_INVALID_HANDLE, "the session is closed");
        }
    }

    private void requirePrimary(String operation) throws RmException {
        ensureOpen(operation);
        if (!primary) {
            throw new RmException(operation, Win32Errors.ERROR_SESSION_CREDENTIAL_CONFLICT,
                    "a joined session may only register resources and end; only the process that started it may do this");
        }
    }
}
