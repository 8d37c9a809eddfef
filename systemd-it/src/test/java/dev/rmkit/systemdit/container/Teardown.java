package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stopping a container without touching anything else: a poweroff from inside, then waiting for the
 * nspawn process to exit; only if it does not, that process (the one {@link NspawnLoop} started) gets
 * SIGTERM, and then the guest's init and nspawn get SIGKILL, each a {@link ProcessHandle} whose start
 * time is checked before the signal, so a recycled pid is never hit.
 */
final class Teardown {

    private Teardown() {}

    static void stop(String name, NspawnLoop loop, Optional<Guest> guest, Duration limit) {
        loop.stopping();
        try {
            if (guest.isPresent() && guest.get().init().isAlive()) {
                Tools.run(List.of(Tools.path("nsenter"), "-t", Long.toString(guest.get().init().pid()), "-a", "--",
                        "systemctl", "--no-block", "poweroff"), Duration.ofSeconds(30));
            }
            if (loop.awaitEnd(System.nanoTime() + limit.toNanos())) {
                return;
            }
            System.err.println("systemd-it: " + name + " did not power off in " + limit.toSeconds() + " s; sending SIGTERM to nspawn");
            loop.current().ifPresent(Process::destroy);
            if (loop.awaitEnd(System.nanoTime() + Duration.ofSeconds(20).toNanos())) {
                return;
            }
            guest.map(Guest::init).ifPresent(ProcessHandle::destroyForcibly);
            loop.current().ifPresent(Process::destroyForcibly);
            if (!loop.awaitEnd(System.nanoTime() + Duration.ofSeconds(20).toNanos())) {
                System.err.println("systemd-it: " + name + ": nspawn still runs after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (AssertionError | RuntimeException e) {
            System.err.println("systemd-it: " + name + ": poweroff failed (" + e.getMessage() + "); ending nspawn");
            loop.current().ifPresent(Process::destroy);
        }
    }

    /** Removes the work directory, unless something is still mounted under it (then it says so and leaves it). */
    static void removeWorkDir(Path dir) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].startsWith(dir.toString())) {
                    System.err.println("systemd-it: " + f[4] + " is still mounted; leaving " + dir);
                    return;
                }
            }
        } catch (IOException e) {
            System.err.println("systemd-it: cannot read the mount table (" + e.getMessage() + "); leaving " + dir);
            return;
        }
        Result r = Tools.run(List.of("rm", "-rf", "--one-file-system", dir.toString()), Duration.ofMinutes(2));
        if (r.exit() != 0) {
            System.err.println("systemd-it: cannot remove " + dir + ": " + r.err());
        }
    }
}
