package dev.rmkit.updater.install;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * File operations that survive a crash or power cut: a rename is only durable once its directory is
 * fsync'd, and a file written in place can be seen half-written, so state files are written to a
 * temporary sibling, fsync'd, renamed over the target, and the directory fsync'd.
 *
 * <p>POSIX allows {@code open(dir, O_RDONLY)} + {@code fsync}; Windows does not let Java open a
 * directory, and NTFS journals renames itself, so there the directory sync is skipped.
 */
public final class Durable {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private Durable() {}

    /** Replaces {@code target} with {@code bytes} atomically: readers see the old or the new content, never a mix. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp); // a leftover of a crash, or a link someone put there: never written through
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        rename(tmp, target);
    }

    /** Renames atomically (replacing the target) and makes the rename durable in both directories. */
    public static void rename(Path from, Path to) throws IOException {
        renameUnsynced(from, to);
        syncDir(to.toAbsolutePath().getParent());
        Path fromDir = from.toAbsolutePath().getParent();
        if (!fromDir.equals(to.toAbsolutePath().getParent())) {
            syncDir(fromDir);
        }
    }

    /**
     * Renames atomically (replacing the target), durable only once the caller fsyncs the directories: the
     * new name is what every process sees from now on, but a power loss may still undo it.
     */
    public static void renameUnsynced(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to
                    + " atomically (different volumes?)", e);
        }
    }

    /** Deletes a file if present and makes the deletion durable. */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            syncDir(file.toAbsolutePath().getParent());
        }
        return deleted;
    }

    /**
     * Removes {@code dir} if it is a real, empty directory (not a link: {@code Files.delete} would
     * unlink one) and makes that durable; anything else stays.
     */
    public static boolean removeEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.delete(dir);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            return false;
        }
        syncDir(dir.toAbsolutePath().getParent());
        return true;
    }

    /** Flushes a directory's entries (renames, creations, deletions) to disk. */
    public static void syncDir(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (NoSuchFileException e) {
            // The directory itself is gone (a later step removed it); nothing in it needs syncing.
        }
    }

    /** Flushes a file's content to disk. */
    public static void syncFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
