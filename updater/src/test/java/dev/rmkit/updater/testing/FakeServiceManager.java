package dev.rmkit.updater.testing;

import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ServiceStart;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.rm.SystemControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A system side whose service manager is a model, for tests of the updater's service records on a
 * machine without systemd: every other call goes to a real system side ({@code inner}). A unit is up
 * or down; starting one that is up leaves it alone, as {@code systemctl start} does; a unit can be made
 * to fail its start. Each start that did start a unit is counted; a unit made up by {@link #running} has
 * main pid 7000, the n-th started one 7000 + n.
 */
public final class FakeServiceManager implements SystemControl {

    private final SystemControl inner;
    private static final Instant STARTED = Instant.parse("2025-01-06T09:00:00Z");
    private final Map<ServiceUnit, Long> up = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final List<ServiceUnit> started = new ArrayList<>();

    public FakeServiceManager(SystemControl inner) {
        this.inner = inner;
    }

    /** {@code unit} is up now, with main pid 7000. */
    public synchronized FakeServiceManager running(ServiceUnit unit) {
        up.put(unit, 7000L);
        return this;
    }

    /** Starting the unit named {@code name} fails, as a broken release's self-test would make it. */
    public synchronized FakeServiceManager failing(String name) {
        failing.add(name);
        return this;
    }

    /** Every unit a start did start, in order. */
    public synchronized List<ServiceUnit> started() {
        return List.copyOf(started);
    }

    public synchronized boolean isUp(ServiceUnit unit) {
        return up.containsKey(unit);
    }

    @Override
    public synchronized ServiceStart startService(ServiceUnit service) throws RmException {
        if (up.containsKey(service)) {
            return new ServiceStart(true, Optional.of(new ProcessId(up.get(service), STARTED)));
        }
        if (failing.contains(service.name())) {
            throw new RmException("start service", 1, "systemctl start " + service + " failed (exit 1): Job for "
                    + service.name() + " failed because the control process exited with error code.");
        }
        started.add(service);
        up.put(service, 7000L + started.size());
        return new ServiceStart(false, Optional.of(new ProcessId(up.get(service), STARTED)));
    }

    @Override
    public void rebootRestartingApps(String reason, boolean force) throws RmException {
        inner.rebootRestartingApps(reason, force);
    }

    @Override
    public BusyHandle delayShutdown(String reason) {
        return inner.delayShutdown(reason);
    }

    @Override
    public void logoff() throws RmException {
        inner.logoff();
    }

    @Override
    public void replaceAtReboot(PendingReplacement replacement) throws RmException {
        inner.replaceAtReboot(replacement);
    }

    @Override
    public void withdrawAtReboot(List<PendingReplacement> replacements) throws RmException {
        inner.withdrawAtReboot(replacements);
    }

    @Override
    public List<PendingReplacement> pendingReplacements() throws RmException {
        return inner.pendingReplacements();
    }

    @Override
    public void registerResume(String name, List<String> argv) throws RmException {
        inner.registerResume(name, argv);
    }

    @Override
    public void unregisterResume(String name) throws RmException {
        inner.unregisterResume(name);
    }

    @Override
    public RestartResult restartAppsAfterReboot() throws RmException {
        return inner.restartAppsAfterReboot();
    }

    @Override
    public Optional<AppOwner> ownerOf(ProcessId process) {
        return inner.ownerOf(process);
    }

    @Override
    public ProcessId startAs(AppOwner owner, RestartCommand command) throws RmException {
        return inner.startAs(owner, command);
    }

    @Override
    public String bootId() {
        return inner.bootId();
    }

    @Override
    public boolean renamesAtBoot() {
        return inner.renamesAtBoot();
    }
}
