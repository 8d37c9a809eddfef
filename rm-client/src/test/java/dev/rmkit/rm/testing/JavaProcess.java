package dev.rmkit.rm.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A Java main class from the test classpath running as a real child process ({@code java} from
 * {@code java.home}, {@code -cp} = {@code java.class.path}), with helpers that wait for a stdout line or
 * a file with a deadline. Close it (try-with-resources or {@code @AfterEach}); every process not closed
 * by a test is killed when the test JVM exits.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private JavaProcess(Process process) {
        this.process = process;
        LIVE.add(process);
        pump(process.getInputStream(), line -> {
            synchronized (stdout) {
                stdout.add(line);
                stdout.notifyAll();
            }
        });
        pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    /** The argv that runs {@code main} with {@code args} in a fresh JVM on the test classpath. */
    public static List<String> command(Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add(main.getName());
        cmd.addAll(args);
        return cmd;
    }

    /** Starts {@code main} with {@code args} in {@code workingDir}, with extra environment variables. */
    public static JavaProcess start(Class<?> main, List<String> args, Path workingDir, Map<String, String> env)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(main, args)).directory(workingDir.toFile());
        pb.environment().putAll(env);
        return new JavaProcess(pb.start());
    }

    /** Starts any command (for example a JVM under {@code setpriv}, see {@link Unprivileged}). */
    public static JavaProcess startCommand(List<String> command, Path workingDir, Map<String, String> env)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        pb.environment().putAll(env);
        return new JavaProcess(pb.start());
    }

    /** Starts {@code main} with {@code args} in {@code workingDir} with {@code RMKIT_RUNTIME_DIR=runtimeDir}. */
    public static JavaProcess start(Class<?> main, Path runtimeDir, Path workingDir, String... args) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("RMKIT_RUNTIME_DIR", runtimeDir.toString());
        return start(main, List.of(args), workingDir, env);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Waits for a stdout line matching {@code match}; fails with the output so far if none comes in time. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stdout) {
            int seen = 0;
            while (true) {
                for (; seen < stdout.size(); seen++) {
                    if (match.test(stdout.get(seen))) {
                        return stdout.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching line within " + timeout + "; stdout: " + stdout + "; stderr: " + stderr);
                }
                try {
                    stdout.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits for the line {@code READY <pid>} that the test apps print once they are set up. */
    public JavaProcess awaitReady() {
        awaitLine(l -> l.equals("READY " + pid()), Duration.ofSeconds(30));
        return this;
    }

    /** Waits until {@code file} exists. */
    public static void awaitFile(Path file, Duration timeout) {
        await(() -> Files.exists(file), timeout, "file " + file);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes (then fails naming {@code what}). */
    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits for the process to exit; returns its exit code, or empty if it is still running. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return Optional.of(process.exitValue());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Every stdout line so far. */
    public List<String> lines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    private static void pump(InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The process ended; nothing more to read.
            }
        }, "java-process-pump");
        t.setDaemon(true);
        t.start();
    }
}
