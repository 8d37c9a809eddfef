package dev.rmkit.systemdit.container;

import dev.rmkit.e2e.testing.Cmd;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Cmd.Result r = Cmd.run(argv, Path.of("/"), Map.of(), limit);
        return new Result(argv, r.exit(), r.out(), r.err());
    }
}
