package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The host's JDK, bound read-only into the container at the same path: the JVM running the tests,
 * plus the directories its {@code conf/} links point into (Debian's JDK keeps {@code java.security}
 * and friends in {@code /etc/java-17-openjdk}; without them the JVM fails with "Error loading
 * java.security file").
 */
final class JavaBinds {

    private JavaBinds() {}

    /** The real path of the running JVM's home. */
    static Path javaHome() {
        try {
            return Path.of(System.getProperty("java.home")).toRealPath();
        } catch (IOException e) {
            return Path.of(System.getProperty("java.home"));
        }
    }

    /** {@code --bind-ro=} options for nspawn. */
    static List<String> options() {
        TreeSet<String> dirs = new TreeSet<>();
        Path home = javaHome();
        dirs.add(home.toString());
        try (Stream<Path> s = Files.walk(home.resolve("conf"))) {
            for (Path p : s.filter(Files::isSymbolicLink).toList()) {
                Path target = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
                if (!target.startsWith(home) && target.getNameCount() >= 2) {
                    dirs.add(target.getRoot().resolve(target.subpath(0, 2)).toString());
                }
            }
        } catch (IOException e) {
            // No conf/ directory, or unreadable links: the JDK keeps its configuration inside its home.
        }
        List<String> out = new ArrayList<>();
        dirs.forEach(d -> out.add("--bind-ro=" + d));
        return out;
    }
}
