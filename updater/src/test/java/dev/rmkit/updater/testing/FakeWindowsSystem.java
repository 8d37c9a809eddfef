package dev.rmkit.updater.testing;

import dev.rmkit.rm.AppOwner;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Windows' system side as the updater sees it, for tests on Linux: MoveFileEx delayed renames are
 * recorded (with the checks WindowsSystemControl makes before calling it), RunOnce registrations kept
 * by name, reboots counted, and {@link #boot} does what Session Manager does during the next boot:
 * every scheduled rename in order, replacing existing targets.
 */
public final class FakeWindowsSystem implements SystemControl {

    private final List<PendingReplacement> pending = new ArrayList<>();
    private final Map<String, List<String>> runOnce = new LinkedHashMap<>();
    private int reboots;
    private int failAt = -1;
    private int calls;

    /** Makes the {@code n}th replaceAtReboot call (0-based) fail like ERROR_ACCESS_DENIED. */
    public FakeWindowsSystem failingAt(int n) {
        this.failAt = n;
        return this;
    }

    @Override
    public synchronized void rebootRestartingApps(String reason, boolean force) {
        reboots++;
        forcedReboots += force ? 1 : 0;
    }

    /** How many of the reboots were forced. */
    public synchronized int forcedReboots() {
        return forcedReboots;
    }

    private int forcedReboots;

    @Override
    public void logoff() throws RmException {
        throw new RmException("ExitWindowsEx", "not in this test");
    }

    @Override
    public synchronized void replaceAtReboot(PendingReplacement r) throws RmException {
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
        runOnce.put(name, List.copyOf(argv));
    }

    @Override
    public synchronized void unregisterResume(String name) {
        runOnce.remove(name);
    }

    public synchronized Map<String, List<String>> runOnce() {
        return Map.copyOf(runOnce);
    }

    public synchronized int reboots() {
        return reboots;
    }

    /** The boot: every scheduled rename in order, except those whose source is in {@code locked}. */
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
    }

    /** Like Windows: the OS does the scheduled renames at boot. */
    @Override
    public boolean renamesAtBoot() {
        return true;
    }

    @Override
    public String bootId() {
        return "unknown-boot";
    }

    /** Like Windows today: the owner is not read, so the updater keeps only the command. */
    @Override
    public Optional<AppOwner> ownerOf(ProcessId process) {
        return Optional.empty();
    }

    @Override
    public ProcessId startAs(AppOwner owner, RestartCommand command) throws RmException {
        throw new RmException("restart", "the fake Windows system starts no app as another user");
    }
}
