package dev.rmkit.rm.linux;

import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.RmPlatform;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.FileModes;
import dev.rmkit.rm.linux.protocol.Inhibitor;
import dev.rmkit.rm.linux.protocol.LinuxCooperatingApp;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.linux.protocol.RuntimeDir;
import dev.rmkit.rm.linux.system.LinuxSystemControl;
import dev.rmkit.rm.linux.system.LinuxSystemDefaults;
import dev.rmkit.rm.linux.systemd.Systemctl;
import java.io.IOException;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The Restart Manager for Linux, where the OS has none: holders come from a {@code /proc} scan, apps
 * cooperate through a per-user registry and Unix-domain control sockets, processes are identified by pid
 * plus start time and closed with the end-session protocol or signals. The protocol and the rules are in
 * docs/linux-protocol.md.
 */
public final class LinuxPlatform implements RmPlatform {

    private final LinuxConfig config;
    private final ProcFs proc;
    private final int uid;
    private final Inhibitor inhibitor;
    private final Systemctl systemctl;

    /** The platform with defaults from the environment ({@link LinuxConfig#defaults()}). */
    public LinuxPlatform() {
        this(LinuxConfig.defaults());
    }

    public LinuxPlatform(LinuxConfig config) {
        this(config, Inhibitor.system());
    }

    LinuxPlatform(LinuxConfig config, Inhibitor inhibitor) {
        this.config = Objects.requireNonNull(config, "config");
        this.inhibitor = inhibitor;
        try {
            this.proc = new ProcFs(config.procRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config.procRoot().resolve("stat"), e);
        }
        this.uid = FileModes.currentUid();
        this.systemctl = new Systemctl(Path.of("/run"), uid);
    }

    @Override
    public String name() {
        return "linux";
    }

    public LinuxConfig config() {
        return config;
    }

    @Override
    public RmPlatform withCloseTimeout(java.time.Duration timeout) {
        return new LinuxPlatform(config.withTimeouts(timeout, config.killTimeout(), config.queryTimeout()), inhibitor);
    }

    ProcFs proc() {
        return proc;
    }

    Registry registry() {
        return new Registry(proc, config.runtimeDir());
    }

    Lister lister() {
        return new Lister(proc, registry(), uid, systemctl.booted());
    }

    ServiceControl services() {
        return new ServiceControl(systemctl, proc, config);
    }

    Launcher launcher() {
        return new Launcher(proc, uid, config.endSessionTimeout());
    }

    @Override
    public RestartSession startSession() throws RmException {
        RuntimeDir.prepare(config.runtimeDir());
        SessionStore store = new SessionStore(config.runtimeDir());
        String key = SessionStore.newKey();
        try {
            store.create(key);
        } catch (IOException e) {
            throw new RmException("RmStartSession", "cannot create session file: " + e.getMessage(), e);
        }
        return new LinuxSession(this, store, key, true);
    }

    @Override
    public RestartSession joinSession(String key) throws RmException {
        RuntimeDir.prepare(config.runtimeDir());
        SessionStore store = new SessionStore(config.runtimeDir());
        if (!SessionStore.validKey(key) || !store.exists(key)) {
            throw new RmException("RmJoinSession", LinuxSession.ERROR_SESSION_CREDENTIAL_CONFLICT,
                    "no session with key " + key + " in " + config.runtimeDir());
        }
        return new LinuxSession(this, store, key, false);
    }

    @Override
    public CooperatingApp cooperate(String appId, EndSessionListener listener) throws RmException {
        Objects.requireNonNull(listener, "listener");
        RuntimeDir.prepare(config.runtimeDir());
        return LinuxCooperatingApp.start(proc, config.runtimeDir(), inhibitor, appId, listener);
    }

    /**
     * The Linux system side with the defaults of the environment ({@link LinuxSystemDefaults}); a
     * reboot asks the cooperating apps of this platform's runtime directory and, when root uses the
     * default one, those of every user's runtime directory too.
     */
    @Override
    public SystemControl system() {
        LinuxSystemControl.Settings settings = LinuxSystemDefaults.settings(System.getenv());
        if (!config.runtimeDir().equals(RuntimeDir.locateForCurrentProcess())) {
            settings = settings.ownAppsOnly(); // a platform confined to its own registry asks no one else's apps
        }
        return new LinuxSystemControl(settings, config, () -> LinuxSystemDefaults.bootId(System.getenv()));
    }
}
