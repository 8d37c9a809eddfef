package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The feed's content-addressed store: {@code blobs/<sha256>}, each written once, atomically. */
final class Blobs {
    private final Path dir;

    Blobs(Path dir) {
        this.dir = dir;
    }

    record Stored(String sha256, long size) {}

    /** Copies {@code source} in while hashing it; an existing blob of the same hash is kept. */
    Stored store(Path source) throws UpdateException {
        try {
            Files.createDirectories(dir);
            // Not createTempFile: its 0600 mode would hide the blob from a web server serving the feed.
            Path tmp = dir.resolve(".incoming-" + java.util.UUID.randomUUID() + ".tmp");
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                long size = 0;
                try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        md.update(buf, 0, n);
                        out.write(buf, 0, n);
                        size += n;
                    }
                }
                String sha = HexFormat.of().formatHex(md.digest());
                Path blob = dir.resolve(sha);
                if (Files.isRegularFile(blob) && Files.size(blob) == size) {
                    Files.delete(tmp);
                } else {
                    Files.move(tmp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                return new Stored(sha, size);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot copy " + source + " into " + dir, e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot copy " + source + " into " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
