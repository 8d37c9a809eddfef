package dev.rmkit.systemdit.container;

import dev.rmkit.e2e.testing.Cmd;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Host programs the harness runs: found on the PATH or in the sbin directories, run to completion. */
final class Tools {

    private Tools() {}

    /** The executable {@code name} on the PATH, or in {@code /usr/sbin} and {@code /sbin}. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin")
                .split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    static String path(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(name + " is not installed")).toString();
    }

    /**
     * Runs {@code argv} with stdin from /dev/null and the output in files (no pipe can fill up); kills it
     * and fails after {@code limit}. If it stops, it is continued ({@link #continueIfStopped}).
     */
    static Result run(List<String> argv, Duration limit) {
        Cmd.Result r = Cmd.run(argv, Path.of("/"), Map.of(), limit, Tools::continueIfStopped);
        return new Result(argv, r.exit(), r.out(), r.err());
    }

    /**
     * Continues {@code p} if it is stopped. The harness enters containers with {@code nsenter}, which waits
     * for its child in the container's pid namespace with WUNTRACED and stops itself when that child stops.
     * A container's shutdown stops every process it sees ({@code systemd-shutdown}: SIGSTOP, SIGTERM,
     * SIGCONT), a command still running then (the updater that asked for the reboot, exiting) among them;
     * its SIGCONT reaches the command but not nsenter, outside the namespace, which then never reaped the
     * command nor exited. Continued, nsenter continues its child and goes on waiting for it.
     */
    static void continueIfStopped(Process p) {
        if (state(p.pid()) == 'T') {
            System.err.println("systemd-it: " + p.info().command().orElse("a command") + " (pid " + p.pid()
                    + ") was stopped (a container's shutdown stopped what it entered): continued");
            try {
                new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The state letter of /proc/PID/stat ('T' stopped, 'Z' zombie...), or 'X' once the process is gone. */
    static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (java.io.IOException | IndexOutOfBoundsException e) {
            return 'X';
        }
    }
}
