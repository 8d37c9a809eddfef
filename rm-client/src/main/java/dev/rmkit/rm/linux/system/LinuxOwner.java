package dev.rmkit.rm.linux.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.Launcher;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.Listed;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.proc.ProcStatus;
import dev.rmkit.rm.linux.protocol.FileModes;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.linux.protocol.RuntimeDir;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who an app runs as, and what starting it again as that user needs once the process is gone:
 * uid, gid, the runtime directory it registers in, and the part of its environment that locates its
 * session. Records that outlive the process (the journal of a crashed updater, the restart list of
 * a reboot) keep this instead of the whole environment, which may carry secrets, so only
 * {@link #KEPT_ENVIRONMENT} is copied. Starting goes through the same {@link Launcher} as a
 * session's restart: as its own user ({@code setpriv} when the caller is root), detached.
 *
 * @param uid effective uid of the app
 * @param gid effective gid of the app
 * @param runtimeDir the rmkit runtime directory its registry entry was in
 * @param environment the kept variables of the environment it had started with
 */
public record LinuxOwner(
        @JsonProperty("uid") int uid,
        @JsonProperty("gid") int gid,
        @JsonProperty("runtimeDir") String runtimeDir,
        @JsonProperty("environment") Map<String, String> environment) {

    /** The variables that say where the user's session, home and display are; nothing else is kept. */
    public static final Set<String> KEPT_ENVIRONMENT = Set.of("HOME", "USER", "LOGNAME", "SHELL", "PATH", "LANG",
            "LANGUAGE", "LC_ALL", "TZ", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME",
            "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "DBUS_SESSION_BUS_ADDRESS", "JAVA_HOME",
            RuntimeDir.ENV);

    public LinuxOwner {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative: " + uid + "/" + gid);
        }
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        if (!Path.of(runtimeDir).isAbsolute()) {
            throw new IllegalArgumentException("runtimeDir must be absolute: " + runtimeDir);
        }
        environment = Map.copyOf(kept(environment == null ? Map.of() : environment));
    }

    /** The kept part of an environment; pure. */
    static Map<String, String> kept(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (KEPT_ENVIRONMENT.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The owner of a listed app, with the environment it had started with. */
    static LinuxOwner of(Listed app, Map<String, String> environment) {
        Path dir = app.registration().map(Registry.Lookup.Registered::runtimeDir)
                .orElse(RuntimeDir.locate(environment, Path.of("/tmp"), app.status().uid()));
        return new LinuxOwner(app.status().uid(), app.status().gid(), dir.toString(), environment);
    }

    /**
     * The owner of a live process, read from {@code /proc}; empty if the process is gone (or is
     * another one with the same pid), or this is not Linux.
     */
    public static Optional<LinuxOwner> of(ProcessId process) {
        try {
            return of(new ProcFs(Path.of("/proc")), process);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** As {@link #of(ProcessId)}, reading {@code proc}. */
    static Optional<LinuxOwner> of(ProcFs proc, ProcessId process) {
        Optional<ProcStat> stat = proc.stat(process.pid());
        Optional<ProcStatus> status = proc.status(process.pid());
        if (stat.isEmpty() || status.isEmpty() || !proc.processId(stat.get()).equals(process)) {
            return Optional.empty();
        }
        Map<String, String> env = proc.environment(process.pid()).orElse(Map.of());
        Path dir = RuntimeDir.locate(env, Path.of("/tmp"), status.get().uid());
        return Optional.of(new LinuxOwner(status.get().uid(), status.get().gid(), dir.toString(), env));
    }

    /**
     * Starts {@code command} as this owner: its argv in its working directory, with the kept
     * environment and {@code RMKIT_RUNTIME_DIR} naming {@link #runtimeDir}, detached.
     *
     * @throws RmException if it cannot be started (another user's app and the caller is not root,
     *     a missing working directory, an exec failure, or it exited at once)
     */
    public ProcessId start(RestartCommand command) throws RmException {
        return start(command, Map.of());
    }

    /** As {@link #start(RestartCommand)}, with {@code extra} variables added to the environment. */
    public ProcessId start(RestartCommand command, Map<String, String> extra) throws RmException {
        return start(command, extra, LinuxConfig.DEFAULT_END_SESSION_TIMEOUT);
    }

    /**
     * As {@link #start(RestartCommand, Map)}, waiting up to {@code startTimeout} for the app to register
     * again before taking it as started without that proof.
     */
    public ProcessId start(RestartCommand command, Map<String, String> extra, Duration startTimeout) throws RmException {
        ProcFs proc;
        try {
            proc = new ProcFs(Path.of("/proc"));
        } catch (IOException e) {
            throw new RmException("restart", "cannot read /proc: " + e.getMessage(), e);
        }
        Map<String, String> env = new TreeMap<>(environment);
        env.putAll(extra);
        return new Launcher(proc, FileModes.currentUid(), startTimeout).launch(command, uid, gid, env, Path.of(runtimeDir));
    }

    /** This owner in the portable form: uid and gid in decimal, the runtime directory as the session. */
    public AppOwner toPortable() {
        return new AppOwner(Integer.toString(uid), Integer.toString(gid), runtimeDir, environment);
    }

    /**
     * The owner a portable record describes.
     *
     * @throws IllegalArgumentException if it is not a Linux owner (uid and gid in decimal, an absolute
     *     runtime directory)
     */
    public static LinuxOwner fromPortable(AppOwner owner) {
        try {
            return new LinuxOwner(Integer.parseInt(owner.user()), Integer.parseInt(owner.group()), owner.session(),
                    owner.environment());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Linux owner (uid and gid must be decimal): " + owner.user()
                    + "/" + owner.group(), e);
        }
    }
}
