package dev.rmkit.rm.linux;

import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.Json;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.linux.protocol.RegistryEntry;
import dev.rmkit.rm.linux.protocol.RuntimeDir;
import dev.rmkit.rm.linux.systemd.UserManagers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
 *
 * <p>The registered argv is another user's text: both tools get {@code --} before it, so an argv that
 * starts with {@code -w} or {@code --fork} is a program name, never their option. A start counts only
 * once the program has registered again in its runtime directory; if it exits first (a program that
 * does not exist exits 127 through setsid) the start failed, with its exit status. Both are facts, not
 * a guess from how long it ran; only a program that neither registers nor exits within the start
 * timeout is taken as started without that proof (and logged).
 *
 * <p>A restart can also be <em>armed</em> ({@link #arm}): the same chain started while the apps are
 * being closed, waiting in {@code /} to be fired by the restart ({@link ArmedLaunch}), so the process
 * start is not part of the downtime. The proof is the same, on the same pid.
 */
public final class Launcher {

    private static final System.Logger LOG = System.getLogger(Launcher.class.getName());
    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final long POLL_MILLIS = 20;

    private static final Path RUN = Path.of("/run");

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
    private final Duration startTimeout;
    private final Path runRoot;

    /** A launcher that waits up to the default end-session timeout for a started app to register. */
    public Launcher(ProcFs proc, int ourUid) {
        this(proc, ourUid, LinuxConfig.DEFAULT_END_SESSION_TIMEOUT);
    }

    public Launcher(ProcFs proc, int ourUid, Duration startTimeout) {
        this(proc, ourUid, startTimeout, RUN);
    }

    /** @param runRoot normally {@code /run}: systemd's and the users' runtime directories are found under it */
    Launcher(ProcFs proc, int ourUid, Duration startTimeout, Path runRoot) {
        this.proc = proc;
        this.ourUid = ourUid;
        this.startTimeout = startTimeout;
        this.runRoot = runRoot;
    }

    /** The argv that runs {@code command} as {@code uid}/{@code gid} with no systemd; pure, for tests. */
    static List<String> argv(RestartCommand command, int uid, int gid, int ourUid) throws RmException {
        return argv(command, uid, gid, ourUid, Scope.NONE);
    }

    /** The argv that runs {@code command} as {@code uid}/{@code gid} in {@code scope}; pure, for tests. */
    static List<String> argv(RestartCommand command, int uid, int gid, int ourUid, Scope scope) throws RmException {
        return chain(command.argv().get(0), command.argv(), uid, gid, ourUid, scope);
    }

    /** The chain that execs {@code program} (named {@code name} in a scope's description) as {@code uid}. */
    static List<String> chain(String name, List<String> program, int uid, int gid, int ourUid, Scope scope) throws RmException {
        List<String> argv = new ArrayList<>();
        List<String> systemdRun = List.of("systemd-run", "--scope", "--quiet", "--collect", "--description=" + name
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
        argv.add("--");
        if (scope == Scope.USER) {
            argv.add(systemdRun.get(0));
            argv.add("--user");
            argv.addAll(systemdRun.subList(1, systemdRun.size()));
            argv.add("--");
        }
        argv.addAll(program);
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

    /**
     * Starts the command and returns the identity of the new process once it has registered again.
     *
     * @throws RmException if it cannot be started, or exits before it registers (with its exit status)
     */
    public ProcessId launch(RestartCommand command, int uid, int gid, Map<String, String> environment, Path runtimeDir)
            throws RmException {
        return launch(command, uid, gid, environment, runtimeDir, Optional.empty());
    }

    /**
     * Fires {@code armed} (started earlier by {@link #arm} for this very command), or starts the command
     * afresh if there is none, it is gone or it cannot be told; then waits for the proof as
     * {@link #launch(RestartCommand, int, int, Map, Path)} does.
     */
    ProcessId launch(RestartCommand command, int uid, int gid, Map<String, String> environment, Path runtimeDir,
            Optional<ArmedLaunch> armed) throws RmException {
        if (armed.isPresent() && armed.get().fired()) { // by fireNow: only the proof is left
            return started(armed.get().process(), command.argv().get(0),
                    Registry.entryPath(runtimeDir, armed.get().process().pid()));
        }
        if (!Files.isDirectory(command.workingDirectory())) {
            armed.ifPresent(ArmedLaunch::disarm);
            throw new RmException("restart", 2, "working directory " + command.workingDirectory() + " does not exist");
        }
        String program = command.argv().get(0);
        if (armed.isPresent() && armed.get().fire()) {
            Process p = armed.get().process();
            return started(p, program, Registry.entryPath(runtimeDir, p.pid()));
        }
        Scope scope = scope(uid);
        ProcessBuilder pb = new ProcessBuilder(argv(command, uid, gid, ourUid, scope))
                .directory(command.workingDirectory().toFile())
                .redirectInput(new File("/dev/null"));
        prepare(pb, environment, runtimeDir, scope, uid);
        Process p = start(pb, program);
        return started(p, program, Registry.entryPath(runtimeDir, p.pid()));
    }

    /**
     * Fires {@code armed} for {@code command} now, with the same check of the working directory as {@link
     * #launch(RestartCommand, int, int, Map, Path, Optional)}, which then only waits for its proof; false
     * if there is nothing armed, the directory is gone or the shell cannot be told (launch then decides).
     */
    static boolean fireNow(RestartCommand command, Optional<ArmedLaunch> armed) {
        return armed.isPresent() && Files.isDirectory(command.workingDirectory()) && armed.get().fire();
    }

    /**
     * Starts the chain for {@code command} now, waiting in {@code /} for {@link ArmedLaunch#fire}; empty
     * if the shell could not hand the program {@code environment} exactly ({@link ArmedLaunch#carries}),
     * so that the restart starts it afresh.
     *
     * @throws RmException if it cannot be started (the restart then tries afresh and reports)
     */
    Optional<ArmedLaunch> arm(RestartCommand command, int uid, int gid, Map<String, String> environment, Path runtimeDir)
            throws RmException {
        Scope scope = scope(uid);
        ProcessBuilder pb = new ProcessBuilder(chain(command.argv().get(0),
                ArmedLaunch.shell(command.argv(), command.workingDirectory().toString()), uid, gid, ourUid, scope))
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = prepare(pb, environment, runtimeDir, scope, uid);
        if (!ArmedLaunch.carries(env)) {
            LOG.log(System.Logger.Level.INFO, "{0} is not armed: /bin/sh would change its environment; its restart starts it afresh",
                    command.argv().get(0));
            return Optional.empty();
        }
        ArmedLaunch.carryAside(env);
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE); // the shell's "ready"; it sends stdout to /dev/null itself
        return Optional.of(new ArmedLaunch(start(pb, command.argv().get(0))));
    }

    /**
     * Sends the launch's output to {@code /dev/null} and sets its environment: the app's own, with the
     * runtime directory and what systemd-run needs; returns that environment.
     */
    private Map<String, String> prepare(ProcessBuilder pb, Map<String, String> environment, Path runtimeDir, Scope scope,
            int uid) {
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
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
        return env;
    }

    private static Process start(ProcessBuilder pb, String program) throws RmException {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new RmException("restart", "cannot start " + program + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the start's proof: the registry entry of this very process, or its exit status. */
    private ProcessId started(Process p, String program, Path entry) throws RmException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try {
            while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                Optional<ProcessId> id = proc.processId(p.pid());
                if (id.isPresent() && registered(entry, p.pid())) {
                    return id.get();
                }
                if (id.isPresent() && System.nanoTime() - deadline >= 0) {
                    LOG.log(System.Logger.Level.INFO, "{0} (pid {1}) runs but has not registered again within {2}",
                            program, p.pid(), startTimeout);
                    return id.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RmException("restart", "interrupted while waiting for " + program + " (pid " + p.pid()
                    + ") to start", e);
        }
        throw new RmException("restart", exited(program, p.exitValue()));
    }

    /** Why a start failed, from the exit status of setsid (or setpriv) and the program. */
    static String exited(String program, int status) {
        String quoted = "'" + program + "'";
        return switch (status) {
            case 127 -> quoted + " was not found or could not be run (exit 127)";
            case 126 -> quoted + " is not executable (exit 126)";
            default -> program + " exited with status " + status + " before it registered again";
        };
    }

    private boolean registered(Path entry, long pid) {
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            RegistryEntry e = Json.MAPPER.readValue(entry.toFile(), RegistryEntry.class);
            return e.pid() == pid && proc.alive(pid, e.startTicks());
        } catch (IOException | RuntimeException notYet) {
            return false; // written atomically, so only a stale or foreign file gets here
        }
    }
}
