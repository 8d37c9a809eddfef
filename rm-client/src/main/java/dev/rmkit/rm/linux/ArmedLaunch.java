package dev.rmkit.rm.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * A restart chain started ahead of time and waiting to be fired: the same {@code setpriv}/{@code setsid}/
 * {@code systemd-run} chain as a fresh launch, but the program it execs first is {@code /bin/sh} with a
 * fixed {@link #SCRIPT} that reads one line from a pipe only this process holds. On exactly {@code go}
 * it enters the registered working directory and execs the registered argv (positional parameters,
 * never shell text) with stdin from {@code /dev/null}; on end of file or anything else it exits and
 * nothing starts. So the process start (ProcessBuilder's cold path, the chain's execs, the shell) is
 * paid while the apps are being closed, and a restart only writes a line. The pid stays the same
 * through every exec, which the registration proof relies on.
 *
 * <p>Until it is fired the shell sits in {@code /} with no descriptor but the pipe and {@code /dev/null},
 * so it never holds a file or directory of an install. If the process that armed it dies (even by
 * SIGKILL) the pipe closes and the shell exits without starting anything.
 *
 * <p>A shell does not carry every environment through unchanged: dash sets {@code PWD} and
 * {@code OLDPWD} (on start and on {@code cd}), resets {@code IFS}, {@code OPTIND} and {@code PPID}, and
 * drops variables whose names are not shell names. So {@code PWD} and {@code OLDPWD} travel in
 * {@link #CARRIED_PWD} and {@link #CARRIED_OLDPWD} and are put back just before the exec, and an
 * environment with anything else the shell would change is not armed at all ({@link #carries}): the
 * restart then starts it afresh, with its environment exact. (That is dash, Debian's {@code /bin/sh};
 * where {@code /bin/sh} is bash, it also sets {@code SHLVL} and {@code _}.)
 */
final class ArmedLaunch {

    static final String SHELL = "/bin/sh";
    static final String CARRIED_PWD = "RMKIT_ARMED_PWD";
    static final String CARRIED_OLDPWD = "RMKIT_ARMED_OLDPWD";
    private static final String READ_INTO = "rmkit_armed_line";

    /**
     * $1 is the working directory, the rest the registered argv. The first line tells the updater, on
     * stdout (a second pipe), that the shell is about to wait, then sends stdout where the program's goes.
     */
    static final String SCRIPT = String.join("\n",
            "printf r && exec >/dev/null || exit 0",
            "IFS= read -r " + READ_INTO + " && [ \"$" + READ_INTO + "\" = go ] || exit 0",
            "cd -P -- \"$1\" || exit",
            "shift",
            "unset " + READ_INTO + " PWD OLDPWD",
            "if [ \"${" + CARRIED_PWD + "+set}\" ]; then PWD=$" + CARRIED_PWD + "; export PWD; fi",
            "if [ \"${" + CARRIED_OLDPWD + "+set}\" ]; then OLDPWD=$" + CARRIED_OLDPWD + "; export OLDPWD; fi",
            "unset " + CARRIED_PWD + " " + CARRIED_OLDPWD,
            "exec \"$@\" </dev/null");

    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Names the shell resets, or the script uses, whatever the environment says. */
    private static final Set<String> NOT_CARRIED = Set.of("IFS", "OPTIND", "PPID", READ_INTO, CARRIED_PWD, CARRIED_OLDPWD);
    private static final byte[] GO = "go\n".getBytes(StandardCharsets.US_ASCII);
    private static final long READY_POLL_NANOS = 100_000;

    private final Process process;
    private boolean done;
    private boolean fired;

    ArmedLaunch(Process process) {
        this.process = process;
    }

    /** The argv the chain execs: the shell, its script, then the directory and the registered argv as data. */
    static List<String> shell(List<String> argv, String workingDirectory) {
        List<String> out = new ArrayList<>(List.of(SHELL, "-c", SCRIPT, "sh", workingDirectory));
        out.addAll(argv);
        return out;
    }

    /** Whether the shell would hand {@code env} to the program exactly (PWD and OLDPWD carried aside). */
    static boolean carries(Map<String, String> env) {
        return env.keySet().stream().allMatch(k -> SHELL_NAME.matcher(k).matches() && !NOT_CARRIED.contains(k));
    }

    /** Moves PWD and OLDPWD aside, where the shell does not touch them; {@link #SCRIPT} puts them back. */
    static void carryAside(Map<String, String> env) {
        String pwd = env.remove("PWD");
        String oldPwd = env.remove("OLDPWD");
        if (pwd != null) {
            env.put(CARRIED_PWD, pwd);
        }
        if (oldPwd != null) {
            env.put(CARRIED_OLDPWD, oldPwd);
        }
    }

    Process process() {
        return process;
    }

    /**
     * Waits until the shell is waiting to be fired (it wrote its byte: the chain's execs, systemd-run's
     * scope and the shell's start are done), polling every 0.1 ms, until {@code deadline} ({@link
     * System#nanoTime}); false if it did not get there, or is gone. Called before any app is told to end,
     * so that firing it then costs only the write and the shell's exec.
     */
    boolean awaitReady(long deadline) {
        InputStream in = process.getInputStream();
        try {
            while (in.available() == 0) {
                if (!process.isAlive() || System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                LockSupport.parkNanos(READY_POLL_NANOS);
            }
            return in.read() == 'r';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Tells the shell to start the program; false if it is gone or the line cannot be written (the
     * caller then starts the program afresh). Fires at most once.
     */
    synchronized boolean fire() {
        if (done) {
            return false;
        }
        done = true;
        if (!process.isAlive()) {
            return false;
        }
        try (OutputStream pipe = process.getOutputStream()) {
            pipe.write(GO);
            pipe.flush();
            fired = true;
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    /** Whether {@link #fire} told the shell to start the program. */
    synchronized boolean fired() {
        return fired;
    }

    /** Closes the pipe unless fired: the shell reads end of file and exits without starting anything. */
    synchronized void disarm() {
        if (done) {
            return;
        }
        done = true;
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // the shell is gone: nothing can start
        }
    }
}
