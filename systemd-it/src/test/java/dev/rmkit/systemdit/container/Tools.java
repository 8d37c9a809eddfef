package dev.rmkit.systemdit.container;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Host programs the harness runs: found on the PATH or in the sbin directories, run to completion. */
final class Tools {

    private Tools() {}

    /** The executable {@code name} on the PATH, or in {@code /usr/sbin} and {@code /sbin}. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin")
                .split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    static String path(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(name + " is not installed")).toString();
    }

    /**
     * Runs {@code argv} with stdin from /dev/null and the output in files (no pipe can fill up); kills it
     * and fails after {@code limit}.
     */
    static Result run(List<String> argv, Duration limit) {
        try {
            Path out = Files.createTempFile("systemd-it", ".out");
            Path err = Files.createTempFile("systemd-it", ".err");
            try {
                Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", argv) + " did not finish in " + limit.toSeconds() + " s");
                }
                return new Result(argv, p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + argv, e);
        }
    }
}
