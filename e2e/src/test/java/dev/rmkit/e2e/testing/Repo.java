package dev.rmkit.e2e.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put what the end-to-end tests run: the repository's launchers ({@code bin/updater},
 * {@code bin/demo}) and the packaged burner ({@code burner-app/target/burner.jar} with its {@code lib/}).
 * The reactor packages burner-app and updater before this module's integration tests run.
 */
public final class Repo {

    private Repo() {}

    /** The repository root, from the {@code rmkit.root} property the e2e pom sets. */
    public static Path root() {
        return Path.of(System.getProperty("rmkit.root", "..")).toAbsolutePath().normalize();
    }

    public static Path bin(String launcher) {
        return existing(root().resolve("bin").resolve(launcher));
    }

    public static Path burnerJar() {
        return existing(root().resolve("burner-app/target/burner.jar"));
    }

    public static Path burnerLib() {
        return existing(root().resolve("burner-app/target/lib"));
    }

    /** The JVM running the tests: the apps run on the same one. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: package burner-app and updater first (./mvnw -DskipTests package)");
        }
        return p;
    }
}
