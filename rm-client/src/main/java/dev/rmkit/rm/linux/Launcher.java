package dev.rmkit.rm.linux;

import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.RuntimeDir;
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
 */
public final class Launcher {

    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final ProcFs proc;
    private final int ourUid;

    public Launcher(ProcFs proc, int ourUid) {
        this.proc = proc;
        this.ourUid = ourUid;
    }

    /** The argv that runs {@code command} as {@code uid}/{@code gid}; pure, for tests. */
    static List<String> argv(RestartCommand command, int uid, int gid, int ourUid) throws RmException {
        List<String> argv = new ArrayList<>();
        if (uid != ourUid) {
            if (ourUid != 0) {
                throw new RmException("restart", 1, "cannot start a process as uid " + uid
                        + ": only root can start another user's app, and this process runs as uid " + ourUid);
            }
            argv.addAll(List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--"));
        }
        argv.add(SETSID.toString());
        argv.addAll(command.argv());
        return argv;
    }

    /** Starts the command and returns the identity of the new process. */
    public ProcessId launch(RestartCommand command, int uid, int gid, Map<String, String> environment, Path runtimeDir)
            throws RmException {
        if (!Files.isDirectory(command.workingDirectory())) {
            throw new RmException("restart", 2, "working directory " + command.workingDirectory() + " does not exist");
        }
        ProcessBuilder pb = new ProcessBuilder(argv(command, uid, gid, ourUid))
                .directory(command.workingDirectory().toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(environment);
        env.putIfAbsent("PATH", FALLBACK_PATH);
        env.put(RuntimeDir.ENV, runtimeDir.toString());
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
