package dev.rmkit.rm.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The external programs some tests need, for their assumptions. */
public final class Tools {

    private Tools() {}

    /** True if an executable named {@code exe} is in a directory of {@code PATH}. */
    public static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }
}
