package dev.rmkit.rm.linux;

import dev.rmkit.rm.linux.protocol.RuntimeDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Linux backend. The roots are injectable so tests can point the backend at a fixture
 * {@code /proc} or an isolated runtime directory.
 *
 * @param procRoot the proc filesystem, normally {@code /proc}
 * @param runtimeDir this user's rmkit runtime directory (see {@link RuntimeDir})
 * @param endSessionTimeout how long an app has to exit after it was told to end (end-session message
 *     or SIGTERM) before the shutdown gives up on it, or, if forced, kills it
 * @param killTimeout how long to wait for a process to disappear after SIGKILL
 * @param queryTimeout how long a cooperating app has to answer a control message; no answer to a query
 *     counts as a refusal
 */
public record LinuxConfig(
        Path procRoot, Path runtimeDir, Duration endSessionTimeout, Duration killTimeout, Duration queryTimeout) {

    public static final Duration DEFAULT_END_SESSION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_KILL_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

    public LinuxConfig {
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        runtimeDir = runtimeDir.toAbsolutePath().normalize();
        positive(endSessionTimeout, "endSessionTimeout");
        positive(killTimeout, "killTimeout");
        positive(queryTimeout, "queryTimeout");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** The defaults: {@code /proc}, the runtime directory from the environment, 30 s / 10 s / 5 s. */
    public static LinuxConfig defaults() {
        return withRuntimeDir(RuntimeDir.locateForCurrentProcess());
    }

    /** The defaults with another runtime directory. */
    public static LinuxConfig withRuntimeDir(Path runtimeDir) {
        return new LinuxConfig(Path.of("/proc"), runtimeDir, DEFAULT_END_SESSION_TIMEOUT, DEFAULT_KILL_TIMEOUT,
                DEFAULT_QUERY_TIMEOUT);
    }

    /** A copy reading another {@code /proc} tree. */
    public LinuxConfig withProcRoot(Path root) {
        return new LinuxConfig(root, runtimeDir, endSessionTimeout, killTimeout, queryTimeout);
    }

    /** A copy with other timeouts. */
    public LinuxConfig withTimeouts(Duration endSession, Duration kill, Duration query) {
        return new LinuxConfig(procRoot, runtimeDir, endSession, kill, query);
    }
}
