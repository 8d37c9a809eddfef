package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a release directory, in a stable order. Symbolic links are refused rather than
 * followed or dropped: a manifest has no way to express a link, and silently publishing its target
 * (or nothing) would surprise the publisher.
 */
final class SourceTree {
    private SourceTree() {}

    static List<Path> list(Path root) throws UpdateException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (Files.isSymbolicLink(p)) {
                    throw new UpdateException.Usage("cannot publish the symbolic link " + p + ": manifests carry files only");
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UpdateException.Usage("cannot publish " + p + ": not a regular file");
                }
            }
        } catch (IOException e) {
            throw new UpdateException.Usage("cannot read " + root + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new UpdateException.Usage(root + " has no files to publish");
        }
        files.sort((a, b) -> relative(root, a).compareTo(relative(root, b)));
        return files;
    }

    /** The '/'-separated path of {@code file} inside {@code root}. */
    static String relative(Path root, Path file) {
        Path rel = root.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            sb.append(sb.length() == 0 ? "" : "/").append(part);
        }
        return sb.toString();
    }
}
