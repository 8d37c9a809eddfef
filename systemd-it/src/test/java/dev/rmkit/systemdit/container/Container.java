package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A freshly booted Debian bookworm with systemd as PID 1 (systemd-nspawn), for one scenario: journald,
 * dbus, logind and polkit run in it; {@link #run} runs a command in a real transient unit,
 * {@link #reboot} reboots it for real (a new boot id), {@link #close} powers it off and removes every
 * trace. Each container has its own machine name, cgroups, overlay and work directory, so scenarios of
 * several builds on one machine never meet; teardown stops only the processes this object started.
 *
 * <pre>{@code
 * try (Container c = Container.boot("my scenario")) {
 *     c.copyIn(Path.of("app.jar"), "/opt/app/app.jar");
 *     c.run(Step.of("systemctl", "start", "app.service")).requireExit(0);
 *     c.reboot();
 * }
 * }</pre>
 * Where the machine cannot run containers the call to {@link #boot} skips the test (see {@link HostSupport}).
 */
public final class Container implements AutoCloseable {

    private static final Duration BOOT_LIMIT = Duration.ofSeconds(120);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Set<Container> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(Container::close), "systemd-it teardown"));
    }

    private final String name;
    private final String label;
    private final Path dir;
    private final List<Path> cgroups;
    private final NspawnLoop loop;
    private final Thread loopThread;
    private final Timings timings;
    private volatile Guest guest;
    private boolean closed;

    private Container(String name, String label, Path dir, List<Path> cgroups, NspawnLoop loop, Timings timings) {
        this.name = name;
        this.label = label;
        this.dir = dir;
        this.cgroups = cgroups;
        this.loop = loop;
        this.timings = timings;
        this.loopThread = new Thread(loop, "nspawn " + name);
        this.loopThread.setDaemon(true);
    }

    /**
     * Boots a new container and waits until systemd reports it running; {@code label} names the
     * scenario in the timing line printed at {@link #close()}.
     */
    public static Container boot(String label) {
        HostSupport.require();
        Timings timings = new Timings(label);
        Path lower = RootfsCache.lowerDir();
        timings.mark("rootfs");
        String name = uniqueName();
        List<Path> cgroups = CgroupDirs.of(name);
        Path dir;
        try {
            dir = Files.createTempDirectory(workBase(), name + ".");
            for (String d : List.of("upper", "work", "merged")) {
                Files.createDirectory(dir.resolve(d));
            }
            CgroupDirs.create(cgroups);
        } catch (IOException e) {
            CgroupDirs.remove(cgroups);
            throw new UncheckedIOException("cannot prepare container " + name, e);
        }
        NspawnLoop.writeScript(dir.resolve("boot.sh"), name, lower, dir.resolve("upper"), dir.resolve("work"),
                dir.resolve("merged"), cgroups);
        Container c = new Container(name, label, dir, cgroups, new NspawnLoop(dir.resolve("boot.sh"),
                dir.resolve("console.log")), timings);
        OPEN.add(c);
        try {
            c.loopThread.start();
            c.awaitBoot(1);
            c.timings.mark("boot");
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private static String uniqueName() {
        while (true) {
            String n = "rmkit-it-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet() + "-"
                    + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
            if (CgroupDirs.of(n).stream().noneMatch(Files::exists)) {
                return n;
            }
        }
    }

    private static Path workBase() throws IOException {
        String own = System.getenv("RMKIT_SYSTEMD_IT_WORK");
        return Files.createDirectories(own != null && !own.isBlank() ? Path.of(own) : Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The machine name (unique on this host). */
    public String name() {
        return name;
    }

    /** How many times it has booted (1 after {@link #boot}, 2 after the first reboot...). */
    public int boots() {
        return loop.starts();
    }

    /** The boot id of the current boot ({@code /proc/sys/kernel/random/boot_id} inside). */
    public String bootId() {
        return exec(Step.of("cat", "/proc/sys/kernel/random/boot_id")).requireExit(0).text();
    }

    /** Runs {@code argv} as root in a transient unit ({@code systemd-run --wait --pipe}) and waits for it. */
    public Result run(String... argv) {
        return run(Step.of(argv));
    }

    /**
     * Runs {@code step} in a transient system unit ({@code systemd-run --wait --pipe}), so it sits in a
     * real unit's cgroup like a service would, and waits; the exit code is the command's. A command that
     * reboots the container loses its exit code this way: use {@link #exec} for it.
     */
    public Result run(Step step) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/systemd-run", "--wait", "--pipe", "--quiet", "--collect"));
        argv.addAll(step.unitOptions());
        argv.add("--");
        argv.addAll(step.argv());
        return Tools.run(enter(argv), step.limit());
    }

    /**
     * Runs {@code step} directly in the container's namespaces ({@code nsenter}, in the foreground),
     * outside any unit: for a command that may reboot the container, whose output is read before the
     * reboot ends it. Root only; the environment is the step's plus PATH, HOME and LANG.
     */
    public Result exec(Step step) {
        if (step.user().isPresent()) {
            throw new IllegalArgumentException("exec runs as root; run() runs as another user");
        }
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "-i",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8"));
        step.env().forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(step.argv());
        List<String> full = enter(argv);
        step.cwd().ifPresent(d -> full.add(5, "--wd=" + d));
        return Tools.run(full, step.limit());
    }

    private List<String> enter(List<String> argv) {
        List<String> full = new ArrayList<>(List.of(Tools.path("nsenter"), "-t", Long.toString(guest().init().pid()), "-a",
                "--"));
        full.addAll(argv);
        return full;
    }

    /** Reboots with {@code systemctl reboot} and waits until the next boot is running. */
    public void reboot() {
        int next = boots() + 1;
        exec(Step.of("systemctl", "--no-block", "reboot")).requireExit(0);
        awaitBoot(next);
    }

    /**
     * Waits until boot number {@code n} (1 is the first) is running: for a reboot something inside the
     * container started (an updater's {@code systemctl reboot}).
     */
    public void awaitBoot(int n) {
        awaitBoot(n, true);
    }

    /**
     * Waits until boot number {@code n} has its service manager up; with {@code untilRunning} also until
     * the boot finished ({@code running}), else only until the manager answers (the boot may still be
     * starting units: a scenario that holds a boot-time unit on purpose uses this).
     */
    public void awaitBoot(int n, boolean untilRunning) {
        long deadline = System.nanoTime() + BOOT_LIMIT.toNanos();
        try {
            if (!loop.awaitStart(n, deadline)) {
                throw new AssertionError(name + ": boot " + n + " did not start in " + BOOT_LIMIT.toSeconds()
                        + " s (nspawn exits " + loop.exits() + loop.failure().map(f -> ", " + f).orElse("") + "); console: "
                        + console());
            }
            guest = Guest.await(loop, n, deadline, name, untilRunning);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name + " to boot", e);
        }
        if (n > 1) {
            timings.mark("boot " + n);
        }
    }

    private Guest guest() {
        Guest g = guest;
        if (g == null || !g.init().isAlive()) {
            throw new IllegalStateException(name + " is not running (boot " + boots() + ", nspawn exits " + loop.exits() + ")");
        }
        return g;
    }

    /** The host path of {@code containerPath} in the running container (through {@code /proc/PID/root}). */
    public Path path(String containerPath) {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("a container path is absolute: " + containerPath);
        }
        return Path.of("/proc", Long.toString(guest().init().pid()), "root", containerPath.substring(1));
    }

    /** Copies a host file or directory tree to {@code containerPath} (parents created, modes kept, owned by root). */
    public void copyIn(Path source, String containerPath) {
        Path target = path(containerPath);
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " into " + name + ":" + containerPath, e);
        }
    }

    /** Writes {@code content} to {@code containerPath} (parents created). */
    public void write(String containerPath, String content) {
        try {
            Path t = path(containerPath);
            Files.createDirectories(t.getParent());
            Files.writeString(t, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + ":" + containerPath, e);
        }
    }

    /** What nspawn and the guest's console printed so far. */
    public String console() {
        try {
            return Files.readString(dir.resolve("console.log"));
        } catch (IOException e) {
            return "(no console log: " + e.getMessage() + ")";
        }
    }

    /**
     * Powers the container off and waits for nspawn to exit; only if it does not, ends the nspawn
     * process this object started (and the guest's init, checked by its identity). Then removes the
     * container's cgroups and work directory, and prints the scenario's timing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        timings.mark("scenario");
        Teardown.stop(name, loop, Optional.ofNullable(guest), STOP_LIMIT);
        List<Path> left = CgroupDirs.remove(cgroups);
        if (!left.isEmpty()) {
            System.err.println("systemd-it: " + name + ": cgroups left behind: " + left);
        }
        Teardown.removeWorkDir(dir);
        timings.mark("teardown");
        System.err.println(timings.line(name, loop.starts()));
    }

    @Override
    public String toString() {
        return "Container[" + name + ", " + label + "]";
    }
}
