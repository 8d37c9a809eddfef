package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The feed's content-addressed store: {@code blobs/<sha256>}, each written once, atomically, so a
 * file or patch shared by several releases is stored once.
 */
final class Blobs {
    static final Pattern NAME = Pattern.compile("[0-9a-f]{64}");
    private final Path dir;

    Blobs(Path dir) {
        this.dir = dir;
    }

    /** @param added false when a blob with this content was already there (shared with another release) */
    record Stored(String sha256, long size, boolean added) {}

    Path path(String sha256) {
        return dir.resolve(sha256);
    }

    /** Whether the blob of {@code sha256} is there (a regular file, not a link). */
    boolean has(String sha256) {
        return Files.isRegularFile(path(sha256), LinkOption.NOFOLLOW_LINKS);
    }

    /** A fresh temporary file in the store's directory, for content to {@link #adopt}. */
    Path newTemp() throws UpdateException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure(dir, e);
        }
        // Not createTempFile: its 0600 mode would hide the blob from a web server serving the feed.
        return dir.resolve(".incoming-" + UUID.randomUUID() + ".tmp");
    }

    /** Copies {@code source} in while hashing it; an existing blob of the same hash is kept. */
    Stored store(Path source) throws UpdateException {
        Path tmp = newTemp();
        try {
            try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                in.transferTo(out);
            }
            return adopt(tmp);
        } catch (IOException e) {
            throw failure(source, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Moves {@code tmp} (from {@link #newTemp}) in under its hash, or drops it if that blob exists. */
    Stored adopt(Path tmp) throws UpdateException {
        try {
            String sha = Sha256.hex(tmp);
            long size = Files.size(tmp);
            Path blob = path(sha);
            if (has(sha) && Files.size(blob) == size) {
                Files.delete(tmp);
                return new Stored(sha, size, false);
            }
            Files.move(tmp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Stored(sha, size, true);
        } catch (IOException e) {
            throw failure(tmp, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A temporary file of publish's own; the next publish overwrites nothing with it.
        }
    }

    private UpdateException failure(Path what, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new UpdateException.PermissionDenied("cannot write " + what + " into " + dir, e);
        }
        return new UpdateException.ApplyFailed("cannot copy " + what + " into " + dir + ": " + e.getMessage(), e);
    }
}
