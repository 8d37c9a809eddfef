package dev.rmkit.updater.testing;

import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.BootIds;
import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Windows' system side as the updater sees it, for tests on Linux. A per-machine install
 * ({@link #perMachine}) has MoveFileEx delayed renames recorded (with the checks WindowsSystemControl
 * makes before calling it) and carried out by {@link #boot}, as Session Manager does during the next
 * boot; a per-user install ({@link #perUser}) cannot schedule them and takes the journal's swap, with
 * the boot id from the boot time. Resume registrations are kept by name; {@link #usedUpByLogon} makes a
 * logon consume them, as RunOnce does. Reboots are counted; an app can be made to refuse them.
 */
public final class FakeWindowsSystem implements SystemControl {

    private final boolean machineScope;
    private final List<PendingReplacement> pending = new ArrayList<>();
    private final Map<String, List<String>> registrations = new LinkedHashMap<>();
    private Instant bootTime = Instant.parse("2025-01-06T08:00:00Z");
    private Duration clockCorrection = Duration.ZERO;
    private boolean usedUpByLogon;
    private String refusingApp;
    private int reboots;
    private int forcedReboots;
    private int failAt = -1;
    private int calls;
    private final List<String> started = new ArrayList<>();
    private Optional<Boolean> acLine = Optional.empty();
    private Optional<java.util.Set<ProcessId>> alive = Optional.empty();

    private FakeWindowsSystem(boolean machineScope) {
        this.machineScope = machineScope;
    }

    /** An elevated updater and a per-machine install: the OS renames at boot. */
    public static FakeWindowsSystem perMachine() {
        return new FakeWindowsSystem(true);
    }

    /** A standard user's updater and a per-user install: no boot-time renames. */
    public static FakeWindowsSystem perUser() {
        return new FakeWindowsSystem(false);
    }

    /** Answers {@link #isRunning}: these processes run, every other does not (without it: no answer). */
    public FakeWindowsSystem running(ProcessId... processes) {
        this.alive = Optional.of(java.util.Set.of(processes));
        return this;
    }

    @Override
    public Optional<Boolean> isRunning(ProcessId process) {
        return alive.map(a -> a.contains(process));
    }

    /** Makes the {@code n}th replaceAtReboot call (0-based) fail like ERROR_ACCESS_DENIED. */
    public FakeWindowsSystem failingAt(int n) {
        this.failAt = n;
        return this;
    }

    /** Resume registrations behave like RunOnce values: any logon uses them up (Windows deletes them first). */
    public FakeWindowsSystem usedUpByLogon() {
        this.usedUpByLogon = true;
        return this;
    }

    /** A cooperating app that refuses to end its session, as WindowsSystemControl's query round reports it. */
    public FakeWindowsSystem refusingApp(String name) {
        this.refusingApp = name;
        return this;
    }

    /** What GetSystemPowerStatus says from now on: mains (true), battery (false), or unknown (empty). */
    public synchronized FakeWindowsSystem acLine(Optional<Boolean> onAc) {
        this.acLine = onAc;
        return this;
    }

    @Override
    public synchronized Optional<Boolean> onAcPower() {
        return acLine;
    }

    @Override
    public synchronized void rebootRestartingApps(String reason, boolean force) throws RmException {
        if (refusingApp != null && !force) {
            throw new RmException("reboot", 351, "not rebooting: an application refused to end its session - "
                    + refusingApp + " (pid 4242): refused to end its session");
        }
        reboots++;
        forcedReboots += force ? 1 : 0;
    }

    /** How many of the reboots were forced. */
    public synchronized int forcedReboots() {
        return forcedReboots;
    }

    @Override
    public void logoff() throws RmException {
        throw new RmException("ExitWindowsEx", "not in this test");
    }

    @Override
    public synchronized void replaceAtReboot(PendingReplacement r) throws RmException {
        if (!machineScope) {
            throw new RmException("MoveFileEx", 5, "a per-user install cannot schedule renames for the boot");
        }
        if (calls++ == failAt) {
            throw new RmException("MoveFileEx", 5, "Access is denied.");
        }
        if (!r.source().isAbsolute() || !Files.exists(r.source())) {
            throw new RmException("MoveFileEx", "the source must be an existing absolute path: " + r.source());
        }
        if (r.target().isPresent() && !Files.isDirectory(r.target().get().getParent())) {
            throw new RmException("MoveFileEx", "the target must be in an existing directory: " + r.target().get());
        }
        pending.add(r);
    }

    @Override
    public synchronized void withdrawAtReboot(List<PendingReplacement> replacements) {
        pending.removeAll(replacements);
    }

    @Override
    public synchronized List<PendingReplacement> pendingReplacements() {
        return List.copyOf(pending);
    }

    @Override
    public synchronized void registerResume(String name, List<String> argv) {
        registrations.put(name, List.copyOf(argv));
    }

    @Override
    public synchronized void unregisterResume(String name) {
        registrations.remove(name);
    }

    /** The resume registrations, by name. */
    public synchronized Map<String, List<String>> registrations() {
        return Map.copyOf(registrations);
    }

    /** A user logs on: returns the registered commands that run now (used up if {@link #usedUpByLogon}). */
    public synchronized List<List<String>> logon() {
        List<List<String>> run = List.copyOf(registrations.values());
        if (usedUpByLogon) {
            registrations.clear();
        }
        return run;
    }

    public synchronized int reboots() {
        return reboots;
    }

    /**
     * The boot: per machine, every scheduled rename in order, except those whose source is in
     * {@code locked}; a new boot time either way.
     */
    public synchronized void boot(Set<Path> locked) {
        try {
            for (PendingReplacement p : pending) {
                if (locked.contains(p.source())) {
                    continue;
                }
                if (p.target().isPresent()) {
                    Files.move(p.source(), p.target().get(), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(p.source());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.clear();
        bootTime = bootTime.plus(Duration.ofMinutes(10));
        clockCorrection = Duration.ZERO;
    }

    /** The wall clock is set by {@code by} without a boot: a boot time computed from the uptime moves with it. */
    public synchronized void correctClock(Duration by) {
        clockCorrection = clockCorrection.plus(by);
    }

    @Override
    public boolean renamesAtBoot() {
        return machineScope;
    }

    @Override
    public synchronized String bootId() {
        return BootIds.ofBootTime(bootTime.plus(clockCorrection));
    }

    /** Like a process that is gone: the owner is not known. */
    @Override
    public Optional<AppOwner> ownerOf(ProcessId process) {
        return Optional.empty();
    }

    /** Records the start (nothing runs) and returns a new process identity, as WindowsSystemControl would. */
    @Override
    public synchronized ProcessId startAs(AppOwner owner, RestartCommand command) {
        started.add(owner.user() + " " + String.join(" ", command.argv()));
        return new ProcessId(9000 + started.size(), Instant.parse("2025-01-06T09:00:00Z"));
    }

    /** What {@link #startAs} was asked to start: "OWNER-SID argv…". */
    public synchronized List<String> started() {
        return List.copyOf(started);
    }
}
