package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One boot of a container: its init (systemd, PID 1 inside), found as the child of the nspawn
 * process whose {@code NSpid} ends in 1, and known to be up once {@code systemctl is-system-running
 * --wait} says {@code running} (or {@code degraded}, reported with the failed units).
 */
record Guest(ProcessHandle init, int boot) {

    /** States in which the manager answers; the first two only while the boot is not finished. */
    private static final java.util.Set<String> UP = java.util.Set.of("initializing", "starting", "running", "degraded",
            "maintenance");

    static Guest await(NspawnLoop loop, int boot, long deadlineNanos, String name, boolean untilRunning)
            throws InterruptedException {
        ProcessHandle init = null;
        while (init == null) {
            Optional<Process> nspawn = loop.current();
            if (nspawn.isPresent()) {
                init = nspawn.get().toHandle().children().filter(Guest::isNamespaceInit).findFirst().orElse(null);
            }
            if (init == null) {
                if (System.nanoTime() > deadlineNanos || loop.ended()) {
                    throw new AssertionError(name + ": no init process for boot " + boot + " (nspawn exits " + loop.exits() + ")");
                }
                Thread.sleep(20);
            }
        }
        String state = "";
        while (untilRunning ? !state.equals("running") && !state.equals("degraded") : !UP.contains(state)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !init.isAlive()) {
                throw new AssertionError(name + ": boot " + boot + " did not come up: systemctl is-system-running says '"
                        + state + "'" + (init.isAlive() ? "" : " and init exited"));
            }
            List<String> argv = new java.util.ArrayList<>(List.of(Tools.path("nsenter"), "-t", Long.toString(init.pid()), "-a",
                    "--", "systemctl", "is-system-running"));
            if (untilRunning) {
                argv.add("--wait");
            }
            state = Tools.run(argv, Duration.ofNanos(left)).text();
            if (!UP.contains(state) || untilRunning && !state.equals("running") && !state.equals("degraded")) {
                Thread.sleep(50); // the manager's socket is not there yet this early in the boot
            }
        }
        if (state.equals("degraded")) {
            System.err.println("systemd-it: " + name + " boot " + boot + " is degraded: " + Tools.run(List.of(
                    Tools.path("nsenter"), "-t", Long.toString(init.pid()), "-a", "--", "systemctl", "--failed",
                    "--no-legend"), Duration.ofSeconds(30)).text());
        }
        return new Guest(init, boot);
    }

    /** True for the process that is PID 1 of its own pid namespace. */
    private static boolean isNamespaceInit(ProcessHandle h) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                if (line.startsWith("NSpid:")) {
                    String[] ids = line.substring(6).trim().split("\\s+");
                    return ids.length > 1 && ids[ids.length - 1].equals("1");
                }
            }
        } catch (IOException e) {
            // It exited: not (or no longer) the init.
        }
        return false;
    }
}
