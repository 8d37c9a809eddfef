package dev.rmkit.updater.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.LinuxPlatform;
import dev.rmkit.rm.linux.system.LinuxSystemControl;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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
        this.dir = dir;
        LinuxConfig config = LinuxConfig.withRuntimeDir(dir.resolve("runtime"))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5));
        this.system = new LinuxSystemControl(new LinuxSystemControl.Settings(dir.resolve("autostart"),
                dir.resolve("units"), dir.resolve("sysstate"),
                List.of("/bin/sh", "-c", "echo rebooted > '" + dir.resolve("rebooted") + "'"), false, List.of()),
                config, bootId::get);
        FetchOptions fast = FetchOptions.defaults().withAttempts(2, 4)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100));
        this.ctx = new UpdaterContext(() -> new LinuxPlatform(config), () -> system, new Fetcher(fast), clock,
                bootId::get, UpdaterContext::javaResumeCommand, Duration.ofMillis(100), ProgressSink.NONE);
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
