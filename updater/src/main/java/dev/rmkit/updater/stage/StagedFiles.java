package dev.rmkit.updater.stage;

import dev.rmkit.updater.fetch.Expected;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/** Checks on files already in staging, and making the staged tree durable before the swap. */
final class StagedFiles {
    private StagedFiles() {}

    /** Whether {@code file} is a regular file with exactly the expected size and SHA-256. */
    static boolean matches(Path file, Expected expected) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != expected.size()) {
                return false;
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest()).equals(expected.sha256());
        } catch (IOException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Flushes the directory entries of the staged files, so a crash right after staging cannot lose
     * the renames that made them visible. Best effort: Windows cannot open a directory this way,
     * and NTFS journals its metadata anyway.
     */
    static void syncDirectories(Path root, Collection<Path> files) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path f : files) {
            for (Path d = f.getParent(); d != null && d.startsWith(root); d = d.getParent()) {
                dirs.add(d);
            }
        }
        for (Path d : dirs) {
            try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // Not supported on this OS or file system; the file contents themselves were forced.
            }
        }
    }
}
