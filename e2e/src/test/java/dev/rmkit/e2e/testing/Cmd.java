package dev.rmkit.e2e.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a command to completion as a real process, output captured in files (no pipe can fill up). */
public final class Cmd {

    /** How a command ended. */
    public record Result(List<String> command, int exit, byte[] stdout, String err) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Fails with the command and its output unless it exited with {@code expected}. */
        public Result requireExit(int expected) {
            if (exit != expected) {
                throw new AssertionError(this.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n exit " + exit + "\n stdout: " + out() + "\n stderr: " + err;
        }
    }

    static final long TICK_MILLIS = 100;

    /** The most of a killed command's output a failure message shows (its end: where it hung). */
    static final int TAIL_CHARS = 8000;

    private Cmd() {}

    private static String tail(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        return s.length() <= TAIL_CHARS ? s : "..." + s.substring(s.length() - TAIL_CHARS);
    }

    /** Runs {@code command} in {@code dir} with extra environment; fails if it takes over two minutes. */
    public static Result run(List<String> command, Path dir, Map<String, String> env) {
        return run(command, dir, env, Duration.ofSeconds(120));
    }

    /** Runs {@code command} in {@code dir} with extra environment; kills it and fails after {@code limit}. */
    public static Result run(List<String> command, Path dir, Map<String, String> env, Duration limit) {
        return run(command, dir, env, limit, p -> {});
    }

    /**
     * As {@link #run(List, Path, Map, Duration)}, calling {@code whileRunning} with the process about every
     * {@value #TICK_MILLIS} ms until it ends (to look after it: continue it if it stopped, say).
     */
    public static Result run(List<String> command, Path dir, Map<String, String> env, Duration limit,
            Consumer<Process> whileRunning) {
        try {
            Path out = Files.createTempFile("cmd", ".out");
            Path err = Files.createTempFile("cmd", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                long deadline = System.nanoTime() + limit.toNanos();
                while (!p.waitFor(Math.min(TICK_MILLIS, Math.max(0, deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS)) {
                    whileRunning.accept(p);
                    if (System.nanoTime() - deadline >= 0) {
                        break;
                    }
                }
                if (p.isAlive()) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + limit.toSeconds() + " s"
                            + "\n stdout so far: " + tail(out) + "\n stderr so far: " + tail(err));
                }
                return new Result(List.copyOf(command), p.exitValue(), Files.readAllBytes(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
