package dev.rmkit.updater.testing;

import dev.rmkit.updater.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Byte-exact snapshots of directory trees, for "exactly old or exactly new" assertions. */
public final class Trees {

    private Trees() {}

    /**
     * Every file (path → SHA-256) and every directory (path/ → "dir") under {@code root}, except the
     * updater's own {@code .rmkit/} state.
     */
    public static Map<String, String> snapshot(Path root) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.isEmpty() || rel.equals(".rmkit") || rel.startsWith(".rmkit/")) {
                    continue;
                }
                out.put(Files.isDirectory(p) ? rel + "/" : rel, Files.isDirectory(p) ? "dir" : Sha256.hex(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes files given as path → content under root. */
    public static void write(Path root, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
