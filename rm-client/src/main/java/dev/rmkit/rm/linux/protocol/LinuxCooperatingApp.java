package dev.rmkit.rm.linux.protocol;

import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.proc.ProcStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This process as a cooperating app on Linux: a control socket {@code RUNTIME/apps/PID.sock} served by
 * {@link ControlServer}, and a registry entry {@code RUNTIME/apps/PID.json} that names the socket and
 * carries the restart command. Both are removed on {@link #close()}; a crash leaves them behind, and
 * readers then ignore and clean them because the start time no longer matches a live process.
 */
public final class LinuxCooperatingApp implements CooperatingApp {

    private static final System.Logger LOG = System.getLogger(LinuxCooperatingApp.class.getName());

    private final Registry registry;
    private final ControlServer server;
    private final Inhibitor inhibitor;
    private final String appId;
    private RegistryEntry entry;
    private boolean closed;

    private LinuxCooperatingApp(Registry registry, ControlServer server, Inhibitor inhibitor, RegistryEntry entry) {
        this.registry = registry;
        this.server = server;
        this.inhibitor = inhibitor;
        this.appId = entry.appId();
        this.entry = entry;
    }

    public static LinuxCooperatingApp start(ProcFs proc, Path runtimeDir, Inhibitor inhibitor, String appId,
            EndSessionListener listener) throws RmException {
        try {
            AppIds.check(appId);
        } catch (IllegalArgumentException e) {
            throw new RmException("cooperate", e.getMessage());
        }
        long pid = ProcessHandle.current().pid();
        ProcStat self = proc.stat(pid).orElseThrow(() -> new RmException("cooperate", "cannot read /proc/" + pid + "/stat"));
        Registry registry = new Registry(proc, runtimeDir);
        registry.cleanStale();
        Path socket = Registry.socketPath(runtimeDir, pid);
        ControlServer server;
        try {
            server = new ControlServer(socket, appId, listener);
        } catch (IOException e) {
            throw new RmException("cooperate", "cannot listen on " + socket + ": " + e.getMessage(), e);
        }
        RegistryEntry entry = new RegistryEntry(RegistryEntry.VERSION, pid, self.startTicks(), FileModes.currentUid(),
                appId, socket.toString(), null);
        LinuxCooperatingApp app = new LinuxCooperatingApp(registry, server, inhibitor, entry);
        try {
            registry.write(entry);
        } catch (IOException e) {
            server.close();
            throw new RmException("cooperate", "cannot write registry entry: " + e.getMessage(), e);
        }
        return app;
    }

    @Override
    public synchronized void registerRestart(RestartCommand command) throws RmException {
        update(entry.withRestart(Optional.of(command)), "register for restart");
    }

    @Override
    public synchronized void unregisterRestart() throws RmException {
        update(entry.withRestart(Optional.empty()), "unregister restart");
    }

    private void update(RegistryEntry next, String operation) throws RmException {
        if (closed) {
            throw new RmException(operation, "the cooperating app is closed");
        }
        try {
            registry.write(next);
            entry = next;
        } catch (IOException e) {
            throw new RmException(operation, "cannot write registry entry: " + e.getMessage(), e);
        }
    }

    @Override
    public BusyHandle busy(String reason) throws RmException {
        if (reason == null || reason.isBlank()) {
            throw new RmException("busy", "a busy period needs a reason");
        }
        return inhibitor.acquire(appId, reason);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        try {
            registry.remove(entry.pid());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove registry entry of {0}: {1}", appId, e.getMessage());
        }
    }
}
