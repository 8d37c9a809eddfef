package dev.rmkit.e2e.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Burner releases as the demo makes them: the packaged {@code burner.jar} and its {@code lib/}, with the
 * release's version stamped into the jar's manifest ({@code Implementation-Version}), which is what a
 * burner started from that jar reports. Two releases therefore differ in {@code burner.jar}, the file
 * the running burner holds, exactly like two real builds would.
 */
public final class Releases {

    private Releases() {}

    /** Writes release {@code version} of the burner into {@code dir} (created). */
    public static Path burner(Path dir, String version) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        stamp(Repo.burnerJar(), dir.resolve("burner.jar"), version);
        try (Stream<Path> libs = Files.list(Repo.burnerLib())) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, dir.resolve("lib").resolve(lib.getFileName()));
            }
        }
        return dir;
    }

    /** Copies {@code jar} to {@code target} with {@code Implementation-Version: version} in its manifest. */
    static void stamp(Path jar, Path target, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, m)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }
}
