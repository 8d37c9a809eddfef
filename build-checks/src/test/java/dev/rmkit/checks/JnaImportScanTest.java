package dev.rmkit.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source-level half of the JNA rule: ArchUnit sees only bytecode, so an unused
 * {@code import com.sun.jna...} would slip past it. This scans every module's sources.
 */
class JnaImportScanTest {

    private static final Pattern JNA_IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?com\\.sun\\.jna\\b");
    private static final String WINDOWS_DIR = "dev/rmkit/rm/windows/";

    @Test
    void noSourceOutsideTheWindowsPackagesImportsJna() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> slashed(p).contains("/src/"))
                    .filter(p -> !slashed(p).contains("/target/"))
                    .collect(Collectors.toList());
        }
        assertTrue(sources.size() > 5, "found too few sources under " + root);
        List<String> offenders = sources.stream()
                .filter(p -> !slashed(p).contains(WINDOWS_DIR))
                .filter(JnaImportScanTest::importsJna)
                .map(p -> root.relativize(p).toString())
                .collect(Collectors.toList());
        assertEquals(List.of(), offenders, "com.sun.jna imported outside dev.rmkit.rm.windows");
    }

    /** The path with '/' separators, also on Windows (which writes backslashes). */
    private static String slashed(Path p) {
        return p.toString().replace('\\', '/');
    }

    private static boolean importsJna(Path p) {
        try {
            return JNA_IMPORT.matcher(Files.readString(p)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
