package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The apps this build made, copied into a container the way the repository lays them out, so the
 * launchers work unchanged: {@code /opt/rmkit/bin/updater} and {@code bin/burner} (POSIX sh),
 * {@code /opt/rmkit/updater/target/updater.jar} and {@code burner-app/target/burner.jar} each with
 * its {@code lib/} (rm-client is in both). {@code java}, {@code updater} and {@code burner} are linked
 * into {@code /usr/local/bin}, which every unit's PATH has; {@code java} is the host JDK bound in.
 */
public final class RmkitApps {

    /** Where the apps live in the container. */
    public static final String HOME = "/opt/rmkit";

    private RmkitApps() {}

    /** The repository root, from the {@code rmkit.root} property the module's pom sets. */
    public static Path repo() {
        return Path.of(System.getProperty("rmkit.root", "..")).toAbsolutePath().normalize();
    }

    /** Copies the launchers and packaged jars into {@code c}. */
    public static void install(Container c) {
        Path repo = repo();
        for (String p : new String[] {"bin/updater", "bin/burner", "updater/target/updater.jar", "updater/target/lib",
                "burner-app/target/burner.jar", "burner-app/target/lib"}) {
            Path src = repo.resolve(p);
            if (!Files.exists(src)) {
                throw new IllegalStateException(src + " is missing: package the apps first (./mvnw -DskipTests package)");
            }
            c.copyIn(src, HOME + "/" + p);
        }
        link(c, "/usr/local/bin/java", JavaBinds.javaHome().resolve("bin/java").toString());
        link(c, "/usr/local/bin/updater", HOME + "/bin/updater");
        link(c, "/usr/local/bin/burner", HOME + "/bin/burner");
    }

    /** The class-path root (a directory) a test class was loaded from, to copy test programs into a container. */
    public static Path classesOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void link(Container c, String at, String target) {
        try {
            Path l = c.path(at);
            Files.createDirectories(l.getParent());
            Files.deleteIfExists(l);
            Files.createSymbolicLink(l, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
