package dev.rmkit.updater.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a scheduler's own tool ({@code systemctl}, {@code schtasks.exe}) and collects its exit code and output. */
final class ExternalCommand {

    /** How long a scheduler's tool may take; they answer in milliseconds when healthy. */
    private static final long TIMEOUT_SECONDS = 60;

    /** A finished run: exit code (-1 if it could not run or timed out) and output (stdout and stderr). */
    record Result(int code, String output) {
        boolean ok() {
            return code == 0;
        }
    }

    private ExternalCommand() {}

    static Result run(List<String> argv) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close(); // it reads nothing from us
        } catch (IOException e) {
            return new Result(-1, "cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", argv) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue(), "");
        }
    }
}
