package dev.rmkit.rm.linux.protocol;

import dev.rmkit.rm.BusyHandle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Keep-awake and shutdown-block on Linux: a logind {@code block} inhibitor on {@code shutdown:sleep}
 * (an app's busy period: {@link #system()}), or a {@code delay} inhibitor on {@code shutdown} (an
 * updater's swap and commit: {@link #delay()}: a shutdown that arrives then waits, at most logind's
 * {@code InhibitDelayMaxSec}, until the lock is released), taken by running {@code systemd-inhibit} as
 * a child that holds the lock for as long as it runs. The child runs {@code sh -c 'echo locked; exec cat'}: the line proves the lock
 * was granted, and {@code cat} exits when our end of its stdin closes, on {@link BusyHandle#close()} or
 * when this JVM dies, so the lock never outlives the app.
 *
 * <p>Without logind (no systemd, no system D-Bus, as in containers and this project's CI)
 * {@code systemd-inhibit} fails at once (where there is no system bus at all it is not even started) and
 * the handle is a documented no-op:
 * {@link BusyHandle#effective()} is false and only the app's veto protects its work.
 */
public final class Inhibitor {

    /** How long logind (and polkit, which it may have to start first) may take to grant a lock. */
    static final Duration GRANT_TIMEOUT = Duration.ofSeconds(10);
    private static final Path SYSTEMD_INHIBIT = Path.of("/usr/bin/systemd-inhibit");

    /** Where sd-bus (systemd-inhibit's D-Bus library) connects when DBUS_SYSTEM_BUS_ADDRESS is not set. */
    private static final Path SYSTEM_BUS_SOCKET = Path.of("/run/dbus/system_bus_socket");
    private static final BooleanSupplier SYSTEM_BUS = () -> systemBusMayBeThere(System.getenv(), SYSTEM_BUS_SOCKET);

    private final Path command;
    private final String what;
    private final String mode;
    private final BooleanSupplier bus;

    /** A block inhibitor on shutdown and sleep run through {@code command} (normally {@code /usr/bin/systemd-inhibit}). */
    Inhibitor(Path command) {
        this(command, "shutdown:sleep", "block", () -> true);
    }

    Inhibitor(Path command, String what, String mode) {
        this(command, what, mode, () -> true);
    }

    /** As above; {@code bus} false means there is no system bus, so {@code command} is not even started. */
    Inhibitor(Path command, String what, String mode, BooleanSupplier bus) {
        this.command = command;
        this.what = what;
        this.mode = mode;
        this.bus = bus;
    }

    /** The block lock on shutdown and sleep an app holds while busy. */
    public static Inhibitor system() {
        return new Inhibitor(SYSTEMD_INHIBIT, "shutdown:sleep", "block", SYSTEM_BUS);
    }

    /** The delay lock on shutdown an updater holds while its swap cannot be cut. */
    public static Inhibitor delay() {
        return new Inhibitor(SYSTEMD_INHIBIT, "shutdown", "delay", SYSTEM_BUS);
    }

    /**
     * False only when {@code systemd-inhibit} certainly cannot reach logind: no
     * {@code DBUS_SYSTEM_BUS_ADDRESS} and nothing at the system bus's default socket. Starting it then
     * costs a process start for a certain failure, inside the updater's swap (tens of milliseconds of
     * every app's downtime in a container; docs/performance.md).
     */
    static boolean systemBusMayBeThere(Map<String, String> env, Path defaultSocket) {
        return env.containsKey("DBUS_SYSTEM_BUS_ADDRESS") || Files.exists(defaultSocket);
    }

    public BusyHandle acquire(String who, String why) {
        return new Handle(who, why);
    }

    private Optional<Process> lock(String who, String why) {
        if (!Files.isExecutable(command) || !bus.getAsBoolean()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(List.of(command.toString(), "--what=" + what, "--who=" + who,
                            "--why=" + why, "--mode=" + mode, "sh", "-c", "echo locked; exec cat"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return String.valueOf(out.readLine());
                } catch (IOException e) {
                    return "";
                }
            });
            if ("locked".equals(line.get(GRANT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))) {
                return Optional.of(p);
            }
            p.destroy();
            return Optional.empty();
        } catch (IOException | ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void release(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            p.destroy();
        }
        try {
            if (!p.waitFor(GRANT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private final class Handle implements BusyHandle {
        private final String who;
        private Optional<Process> lock;

        Handle(String who, String why) {
            this.who = who;
            this.lock = lock(who, why);
        }

        @Override
        public synchronized void reason(String reason) {
            // logind cannot change a lock's reason: take a new lock first, then drop the old one.
            if (lock.isPresent()) {
                Optional<Process> next = lock(who, reason);
                release(lock.get());
                lock = next;
            }
        }

        @Override
        public synchronized boolean effective() {
            return lock.filter(Process::isAlive).isPresent();
        }

        @Override
        public synchronized void close() {
            lock.ifPresent(Inhibitor::release);
            lock = Optional.empty();
        }
    }
}
