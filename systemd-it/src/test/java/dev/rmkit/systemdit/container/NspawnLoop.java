package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process side of one container: starts {@code systemd-nspawn --boot} and starts it again each
 * time it exits with 133 (the guest rebooted; {@code --keep-unit} makes nspawn exit then), which is
 * what turns {@code systemctl reboot} inside into a real reboot with a new boot id. It stops starting
 * it once {@link #stopping()} was called or nspawn exits with anything else (0 is a poweroff).
 *
 * <p>Each start runs {@code boot.sh} (written into the container's work directory): it moves itself
 * into the container's own cgroups ({@link CgroupDirs}), enters a private mount namespace, mounts the
 * overlay (the shared read-only root file system below, the container's own upper directory above),
 * and execs nspawn. The overlay mount lives only in that namespace, so it disappears with nspawn
 * whatever happens to this JVM, and the process this class holds is nspawn itself.
 */
final class NspawnLoop implements Runnable {

    /** nspawn's exit status when the container rebooted. */
    static final int REBOOTED = 133;

    private final Path script;
    private final Path console;
    private final List<Integer> exits = new ArrayList<>();
    private Process current;
    private int starts;
    private boolean stopping;
    private boolean ended;
    private Optional<String> failure = Optional.empty();

    NspawnLoop(Path script, Path console) {
        this.script = script;
        this.console = console;
    }

    /** Writes the start script for one container. */
    static void writeScript(Path script, String name, Path lower, Path upper, Path work, Path merged, List<Path> cgroups) {
        StringBuilder s = new StringBuilder("#!/bin/sh\n# Starts container ").append(name).append(" (systemd-it).\nset -e\n");
        for (Path c : cgroups) {
            s.append("echo $$ > '").append(c).append("/cgroup.procs'\n");
        }
        List<String> nspawn = new ArrayList<>(List.of(Tools.path("systemd-nspawn"), "-q", "-D", merged.toString(), "-M", name,
                "--boot", "--register=no", "--keep-unit", "--private-network", "--console=pipe"));
        nspawn.addAll(JavaBinds.options());
        s.append("exec ").append(Tools.path("unshare")).append(" -m --propagation private sh -c \"mount -t overlay overlay -o ")
                .append("lowerdir=").append(lower).append(",upperdir=").append(upper).append(",workdir=").append(work)
                .append(' ').append(merged).append(" && exec ").append(String.join(" ", nspawn)).append("\"\n");
        try {
            Files.writeString(script, s.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void run() {
        while (true) {
            Process p;
            synchronized (this) {
                if (stopping) {
                    break;
                }
                try {
                    // Should this JVM die without closing the container, nspawn gets SIGTERM and powers it off.
                    p = new ProcessBuilder(Tools.path("setpriv"), "--pdeathsig", "SIGTERM", "sh", script.toString())
                            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                            .start();
                } catch (IOException e) {
                    failure = Optional.of("cannot start nspawn: " + e.getMessage());
                    break;
                }
                current = p;
                starts++;
                notifyAll();
            }
            int rc = waitFor(p);
            synchronized (this) {
                exits.add(rc);
                notifyAll();
                if (rc != REBOOTED) {
                    break;
                }
            }
        }
        synchronized (this) {
            current = null;
            ended = true;
            notifyAll();
        }
    }

    private static int waitFor(Process p) {
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                // The loop ends only when nspawn does: teardown stops it by stopping the container.
            }
        }
    }

    /** From now on an exit is final: no more starts. */
    synchronized void stopping() {
        stopping = true;
    }

    /** The nspawn process of the current boot, if one runs. */
    synchronized Optional<Process> current() {
        return Optional.ofNullable(current).filter(Process::isAlive);
    }

    /** How many times nspawn was started (1 for the first boot). */
    synchronized int starts() {
        return starts;
    }

    synchronized List<Integer> exits() {
        return List.copyOf(exits);
    }

    synchronized Optional<String> failure() {
        return failure;
    }

    /** Waits until nspawn was started {@code n} times (or the loop ended); true if it was. */
    synchronized boolean awaitStart(int n, long deadlineNanos) throws InterruptedException {
        while (starts < n && !ended) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return starts >= n;
    }

    /** Waits until the loop has ended (nspawn exited for good); true if it has. */
    synchronized boolean awaitEnd(long deadlineNanos) throws InterruptedException {
        while (!ended) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized boolean ended() {
        return ended;
    }
}
