package dev.rmkit.e2e.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Byte-for-byte comparison of an install with a release tree; the updater's own {@code .rmkit/} is not part of either. */
public final class Trees {

    private Trees() {}

    /** Asserts that {@code install} holds exactly the files of {@code release}, with the same bytes. */
    public static void assertInstallIs(Path release, Path install) throws IOException {
        List<String> expected = files(release);
        assertEquals(expected, files(install), "the files of " + install + " against " + release);
        for (String f : expected) {
            assertArrayEquals(Files.readAllBytes(release.resolve(f)), Files.readAllBytes(install.resolve(f)), f);
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith(".rmkit")).sorted().toList();
        }
    }
}
