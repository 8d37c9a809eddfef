package dev.rmkit.rm.linux;

import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.RuntimeDir;
import dev.rmkit.rm.linux.systemd.UserManagers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a registered restart command as its owner: the registered argv in the registered working
 * directory, with the environment the app had started with (and {@code RMKIT_RUNTIME_DIR} naming the
 * runtime directory it registered in), stdin from and output to {@code /dev/null}, in a new session
 * ({@code setsid}) so it outlives the updater and its terminal. If the owner is another user, only root
 * can do that, through {@code setpriv --reuid --regid --init-groups}; anyone else is refused.
 *
 * <p>Where systemd is the init it must also outlive the updater's <em>unit</em>: an updater run by a
 * timer, by {@code systemd-run} or by the after-boot unit sits in a service whose processes systemd
 * kills when it ends, and a child stays in its parent's cgroup whatever {@code setsid} does. So the
 * app gets a scope of its own ({@code systemd-run --scope}, which execs the command in the same
 * process): in its owner's manager ({@code --user}) when that user's bus is up, as an app of a desktop
 * session would be, else in the system manager. See {@link Scope}.
 */
public final class Launcher {

    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";

    private static final Path RUN = Path.of("/run");
    private static final System.Logger LOG = System.getLogger(Launcher.class.getName());

    /** Where the started process gets its own cgroup. */
    enum Scope {
        /** No systemd: a new session is all it needs. */
        NONE,
        /** A scope of the system manager, entered before the uid changes. */
        SYSTEM,
        /** A scope of the owner's own manager ({@code systemd-run --user}), entered as the owner. */
        USER
    }

    private final ProcFs proc;
    private final int ourUid;
    private final Path runRoot;

    public Launcher(ProcFs proc, int ourUid) {
        this(proc, ourUid, RUN);
    }

    /** @param runRoot normally {@code /run}: systemd's and the users' runtime directories are found under it */
    Launcher(ProcFs proc, int ourUid, Path runRoot) {
        this.proc = proc;
        this.ourUid = ourUid;
        this.runRoot = runRoot;
    }

    /** The argv that runs {@code command} as {@code uid}/{@code gid} with no systemd; pure, for tests. */
    static List<String> argv(RestartCommand command, int uid, int gid, int ourUid) throws RmException {
        return argv(command, uid, gid, ourUid, Scope.NONE);
    }

    /** The argv that runs {@code command} as {@code uid}/{@code gid} in {@code scope}; pure, for tests. */
    static List<String> argv(RestartCommand command, int uid, int gid, int ourUid, Scope scope) throws RmException {
        List<String> argv = new ArrayList<>();
        List<String> systemdRun = List.of("systemd-run", "--scope", "--quiet", "--collect", "--description=" + command.argv().get(0)
                + " (restarted by rmkit)");
        if (scope == Scope.SYSTEM) {
            argv.addAll(systemdRun);
            argv.add("--");
        }
        if (uid != ourUid) {
            if (ourUid != 0) {
                throw new RmException("restart", 1, "cannot start a process as uid " + uid
                        + ": only root can start another user's app, and this process runs as uid " + ourUid);
            }
            argv.addAll(List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"));
        }
        argv.add(SETSID.toString());
        if (scope == Scope.USER) {
            argv.add(systemdRun.get(0));
            argv.add("--user");
            argv.addAll(systemdRun.subList(1, systemdRun.size()));
            argv.add("--");
        }
        argv.addAll(command.argv());
        return argv;
    }

    /** The scope for an app of {@code uid} here: its manager's if its bus is up, else the system's, else none. */
    Scope scope(int uid) {
        if (!Files.isDirectory(runRoot.resolve("systemd/system"))) {
            return Scope.NONE;
        }
        if (uid != 0 && !Files.exists(userBus(uid)) && UserManagers.lingering(uid)
                && !UserManagers.awaitBus(runRoot, uid, UserManagers.MANAGER_LIMIT)) {
            LOG.log(System.Logger.Level.WARNING, "the service manager of uid {0} lingers but its bus did not appear in {1} s",
                    uid, UserManagers.MANAGER_LIMIT.toSeconds());
        }
        if (Files.exists(userBus(uid)) && (uid == ourUid || ourUid == 0)) {
            return Scope.USER;
        }
        return ourUid == 0 ? Scope.SYSTEM : Scope.NONE;
    }

    private Path userBus(int uid) {
        return UserManagers.bus(runRoot, uid);
    }

    /** Starts the command and returns the identity of the new process. */
    public ProcessId launch(RestartCommand command, int uid, int gid, Map<String, String> environment, Path runtimeDir)
            throws RmException {
        if (!Files.isDirectory(command.workingDirectory())) {
            throw new RmException("restart", 2, "working directory " + command.workingDirectory() + " does not exist");
        }
        Scope scope = scope(uid);
        ProcessBuilder pb = new ProcessBuilder(argv(command, uid, gid, ourUid, scope))
                .directory(command.workingDirectory().toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(environment);
        env.putIfAbsent("PATH", FALLBACK_PATH);
        env.put(RuntimeDir.ENV, runtimeDir.toString());
        if (scope == Scope.USER) {
            // systemd-run --user finds the user's manager through these; an app of that user has them.
            env.putIfAbsent("XDG_RUNTIME_DIR", userBus(uid).getParent().toString());
            env.putIfAbsent("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + userBus(uid));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new RmException("restart", "cannot start " + command.argv().get(0) + ": " + e.getMessage(), e);
        }
        return proc.processId(p.pid())
                .orElseThrow(() -> new RmException("restart", command.argv().get(0) + " exited at once (pid " + p.pid() + ")"));
    }
}
