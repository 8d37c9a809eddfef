package dev.rmkit.updater.testing;

import dev.rmkit.updater.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real updater as a child JVM ({@code java -Dk=v -cp CLASSPATH dev.rmkit.updater.Main ARGS}). */
public final class UpdaterProcess {

    /** A finished run. */
    public record Result(int code, String out, String err) {}

    private final Process process;
    private final CompletableFuture<String> out;
    private final CompletableFuture<String> err;

    private UpdaterProcess(Process process) {
        this.process = process;
        this.out = drain(process.getInputStream());
        this.err = drain(process.getErrorStream());
    }

    public static UpdaterProcess start(Map<String, String> sysProps, Map<String, String> env, String... args)
            throws IOException {
        return start(List.of(), sysProps, env, args);
    }

    /**
     * The same, with SIGINT and SIGTERM at their default disposition ({@code env --default-signal}): a test
     * JVM started in the background has SIGINT ignored, and a child would inherit that.
     */
    public static UpdaterProcess startSignalable(Map<String, String> env, String... args) throws IOException {
        return start(List.of("env", "--default-signal=INT,TERM"), Map.of(), env, args);
    }

    /** As {@link #startSignalable(Map, String...)}, with system properties (the test hooks). */
    public static UpdaterProcess startSignalable(Map<String, String> sysProps, Map<String, String> env, String... args)
            throws IOException {
        return start(List.of("env", "--default-signal=INT,TERM"), sysProps, env, args);
    }

    /** As {@link #start(Map, Map, String...)}, the JVM started by {@code prefix} (a tracer: {@code strace -o F}). */
    public static UpdaterProcess start(List<String> prefix, Map<String, String> sysProps, Map<String, String> env,
            String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:-UsePerfData");
        cmd.add("-XX:TieredStopAtLevel=1");
        sysProps.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(confined());
        pb.environment().putAll(env);
        return new UpdaterProcess(pb.start());
    }

    /**
     * Where a child updater's system side may write unless a test says otherwise: a scratch directory,
     * never the machine's /var/lib/rmkit, /etc/systemd/system or ~/.config/autostart, and a reboot
     * command that only leaves a mark. Tests run as root here, where the defaults are the real ones.
     */
    private static synchronized Map<String, String> confined() throws IOException {
        if (confined == null) {
            Path dir = Files.createTempDirectory("rmkit-test-system");
            confined = Map.of(
                    "RMKIT_STATE_DIR", dir.resolve("state").toString(),
                    "RMKIT_SYSTEMD_UNIT_DIR", dir.resolve("units").toString(),
                    "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                    "RMKIT_REBOOT_COMMAND", "touch '" + dir.resolve("reboot-requested") + "'");
        }
        return confined;
    }

    private static Map<String, String> confined;

    public static Result run(Map<String, String> sysProps, Map<String, String> env, String... args) throws Exception {
        return start(sysProps, env, args).await();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public Result await() throws Exception {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the updater did not finish in 2 minutes\n stdout so far: " + out.get(10, TimeUnit.SECONDS)
                    + "\n stderr so far: " + err.get(10, TimeUnit.SECONDS));
        }
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> drain(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }
}
