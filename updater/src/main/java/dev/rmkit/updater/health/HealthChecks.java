package dev.rmkit.updater.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link HealthCheck} after an update: its argv as given (no shell), in the install directory,
 * with {@code RMKIT_INSTALL_DIR} set, standard input closed, output collected (its last line goes into
 * the report). Healthy means exit 0 before the timeout; past it the command and its descendants are
 * killed and the check has failed.
 */
public final class HealthChecks {

    private static final int KEEP_OUTPUT = 64 * 1024;

    private HealthChecks() {}

    /** How a check went: {@code summary} is one line for the report. */
    public record Result(boolean passed, String summary) {}

    public static Result run(HealthCheck check, Path installDir) {
        String what = String.join(" ", check.argv());
        long start = System.nanoTime();
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(check.argv()).directory(installDir.toFile()).redirectErrorStream(true);
            pb.environment().put("RMKIT_INSTALL_DIR", installDir.toString());
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException e) {
            return new Result(false, "the health check " + what + " could not be started: " + e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> lastLine(p.getInputStream()));
        try {
            if (!p.waitFor(check.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(false, "the health check " + what + " did not finish within " + check.timeout());
            }
            String last = output.get(5, TimeUnit.SECONDS);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            String tail = last.isEmpty() ? "" : ": " + last;
            return p.exitValue() == 0 ? new Result(true, what + " (exit 0 in " + ms + " ms)")
                    : new Result(false, "the health check " + what + " exited " + p.exitValue() + tail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(false, "interrupted while the health check " + what + " ran");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue() == 0, what + " exited " + p.exitValue() + " (its output could not be read)");
        }
    }

    /** The last non-empty line of the output (control characters replaced), reading at most what is kept. */
    private static String lastLine(InputStream in) {
        byte[] kept = new byte[KEEP_OUTPUT];
        int len = 0;
        try (in) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                int drop = Math.max(0, len + n - KEEP_OUTPUT);
                System.arraycopy(kept, drop, kept, 0, len - drop);
                len -= drop;
                System.arraycopy(buf, 0, kept, len, n);
                len += n;
            }
        } catch (IOException e) {
            // The process is gone; what was read is what there is.
        }
        String[] lines = new String(kept, 0, len, StandardCharsets.UTF_8).strip().split("\\R");
        return lines[lines.length - 1].strip().replaceAll("\\p{Cntrl}", "?");
    }
}
