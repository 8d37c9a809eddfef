package dev.rmkit.updater.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.RmPlatform;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.LinuxPlatform;
import dev.rmkit.rm.linux.system.LinuxSystemControl;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.schedule.Scheduler;
import dev.rmkit.updater.schedule.Schedulers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Runs the real updater command line in-process against the real Linux backend, with a private
 * runtime directory, a resume-registration directory and a reboot command that only touches a file,
 * and a boot id the test can change to simulate a reboot.
 */
public final class Cli {

    /** The result of one run. */
    public record Run(int code, String out, String err) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object: " + out + err, e);
            }
        }
    }

    private final AtomicReference<String> bootId = new AtomicReference<>("boot-1");
    private final Path dir;
    private final UpdaterContext ctx;
    private final LinuxSystemControl system;

    public Cli(Path dir) {
        this(dir, Clock.systemUTC());
    }

    /** With {@code clock} as the updater's "now" (decisions, expiry, reports). */
    public Cli(Path dir, Clock clock) {
        this(dir, clock, UnaryOperator.identity());
    }

    /** The same, with the Linux backend seen through {@code platform} (a test's watcher of the sessions). */
    public Cli(Path dir, Clock clock, UnaryOperator<RmPlatform> platform) {
        this.dir = dir;
        LinuxConfig config = LinuxConfig.withRuntimeDir(dir.resolve("runtime"))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5));
        this.system = new LinuxSystemControl(new LinuxSystemControl.Settings(dir.resolve("autostart"),
                dir.resolve("units"), dir.resolve("sysstate"),
                List.of("/bin/sh", "-c", "echo rebooted > '" + dir.resolve("rebooted") + "'"), false, List.of()),
                config, bootId::get);
        FetchOptions fast = FetchOptions.defaults().withAttempts(2, 4)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100));
        this.ctx = new UpdaterContext(() -> platform.apply(new LinuxPlatform(config)), () -> system, new Fetcher(fast), clock,
                bootId::get, UpdaterContext::javaResumeCommand, Duration.ofMillis(100), ProgressSink.NONE, this::scheduler);
    }

    /**
     * The environment the scheduler of {@code schedule} and {@code uninstall} is chosen from, in this
     * sandbox: units under it (the system's for root, the user's otherwise; {@link #units()}), and a
     * {@code systemctl} that only records its arguments ({@link #systemctlCalls()}). A child updater given
     * this environment acts on the same registration.
     */
    public Map<String, String> schedulerEnv() {
        Path script = dir.resolve("systemctl");
        try {
            if (!Files.exists(script)) {
                Files.createDirectories(dir);
                Files.writeString(script, "#!/bin/sh\necho \"$@\" >> '" + dir.resolve("systemctl.log") + "'\n");
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(Schedulers.UNIT_DIR_ENV, dir.resolve("system-units").toString(), "XDG_CONFIG_HOME",
                dir.resolve("config").toString(), Schedulers.SYSTEMCTL_ENV, script.toString());
    }

    private Scheduler scheduler() {
        return Schedulers.forThisHost(schedulerEnv(), ctx.clock());
    }

    /** Where {@code schedule install} puts its units in this sandbox. */
    public Path units() {
        try {
            boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
            return root ? dir.resolve("system-units") : dir.resolve("config/systemd/user");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments of every {@code systemctl} call so far, one line each. */
    public List<String> systemctlCalls() {
        try {
            Path log = dir.resolve("systemctl.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path runtimeDir() {
        return dir.resolve("runtime");
    }

    public LinuxSystemControl system() {
        return system;
    }

    public Path rebootMarker() {
        return dir.resolve("rebooted");
    }

    public String bootId() {
        return bootId.get();
    }

    /** Simulates a reboot: a new boot id. */
    public void reboot() {
        bootId.set("boot-" + (Integer.parseInt(bootId.get().substring(5)) + 1));
    }

    public Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(ctx, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
