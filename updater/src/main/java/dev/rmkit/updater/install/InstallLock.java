package dev.rmkit.updater.install;

import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The install's lock, held for a whole apply or resume: an OS file lock on {@code .rmkit/lock}
 * ({@code fcntl} on Linux, {@code LockFileEx} on Windows). The OS releases it when the process dies,
 * so a killed updater never leaves a stale lock behind; the file's content (the holder's pid) is only
 * for the message a second updater prints. A failed fresh install deletes the file while holding it
 * ({@link #closeRemovingWhatItCreated}), so an updater that opened it just before and locks it after
 * checks that the locked file is still the one at {@code .rmkit/lock}, and starts again if not.
 *
 * <p>It knows whether this run created the install directory and {@code .rmkit/}: only then may a
 * failed fresh install remove them, and only under the lock.
 */
public final class InstallLock implements AutoCloseable {

    private static final int ATTEMPTS = 5;

    private final InstallLayout layout;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean createdInstallDir;
    private final boolean createdStateDir;

    private InstallLock(InstallLayout layout, FileChannel channel, FileLock lock, boolean createdInstallDir,
            boolean createdStateDir) {
        this.layout = layout;
        this.channel = channel;
        this.lock = lock;
        this.createdInstallDir = createdInstallDir;
        this.createdStateDir = createdStateDir;
    }

    /**
     * Takes the lock at once or fails.
     *
     * @throws UpdateException.Deferred if another updater holds it ("another update is running (pid N)")
     * @throws UpdateException.PermissionDenied if the state directory cannot be written
     * @throws UpdateException.ApplyFailed if the lock file cannot be used for another reason, or
     *     {@code .rmkit} is a link
     */
    public static InstallLock acquire(InstallLayout layout) throws UpdateException {
        return acquire(layout, () -> { });
    }

    /** As {@link #acquire(InstallLayout)}; {@code opened} runs between opening the lock file and locking it (a test seam). */
    public static InstallLock acquire(InstallLayout layout, Runnable opened) throws UpdateException {
        for (int attempt = 1; ; attempt++) {
            try {
                InstallLock held = tryAcquire(layout, opened);
                if (held != null) {
                    return held;
                }
            } catch (NoSuchFileException e) {
                // A failed fresh install removed the directories between two of our steps: start again.
            } catch (AccessDeniedException e) {
                throw new UpdateException.PermissionDenied("cannot write the install state " + e.getFile(), e);
            } catch (UnsafePathException e) {
                throw new UpdateException.ApplyFailed(e.getMessage() + "; nothing was changed", e);
            } catch (IOException e) {
                throw new UpdateException.ApplyFailed("cannot take the install lock " + layout.lockFile() + ": "
                        + e.getMessage(), e);
            }
            if (attempt == ATTEMPTS) {
                throw new UpdateException.ApplyFailed("cannot take the install lock " + layout.lockFile()
                        + ": it was removed " + ATTEMPTS + " times while being taken", null);
            }
        }
    }

    /** The lock, or null if the locked file was removed meanwhile (try again). */
    private static InstallLock tryAcquire(InstallLayout layout, Runnable opened) throws IOException, UpdateException {
        Files.createDirectories(layout.installDir().getParent());
        boolean createdInstallDir = createDirectory(layout.installDir());
        layout.files().check(layout.stateDir());
        boolean createdStateDir = createDirectory(layout.stateDir());
        Object before = fileKey(layout.lockFile());
        FileChannel ch = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            if (before == null) {
                before = fileKey(layout.lockFile()); // the open created it
            }
            opened.run();
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM already holds it: another run in the same process
            }
            if (lock == null) {
                throw new UpdateException.Deferred("another update is running (pid " + readHolder(ch) + ") on "
                        + layout.installDir());
            }
            if (!stillAtItsPath(layout.lockFile(), before)) {
                ch.close();
                return null;
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            return new InstallLock(layout, ch, lock, createdInstallDir, createdStateDir);
        } catch (IOException | UpdateException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Creates a directory if missing and makes its entry durable; true if this call created it. */
    private static boolean createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Durable.syncDir(dir.getParent());
        return true;
    }

    /**
     * Whether the file just locked is still the one at {@code lockFile}. The file is identified by its
     * key (device and inode) from before it was opened: while we hold it open its inode cannot be
     * reused, so the same key at the path afterwards means the same file (unless the path was replaced
     * twice between the stat and the open, microseconds apart). It is never opened a second time:
     * closing any descriptor of a file drops the process's POSIX locks on it. Where the file system
     * has no keys (Windows), only its presence is checked.
     */
    private static boolean stillAtItsPath(Path lockFile, Object before) throws IOException {
        try {
            Object now = Files.readAttributes(lockFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return before == null || before.equals(now);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null; // created by the open; the check afterwards sees whether it is still there
        }
    }

    private static String readHolder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    /** Whether this run created {@code .rmkit/} (so everything in it is this run's, written under this lock). */
    public boolean createdStateDir() {
        return createdStateDir;
    }

    /**
     * Ends a fresh install that failed, leaving no trace: if this run created {@code .rmkit/} and no
     * swap is unfinished or installed, removes what the updater puts there (every state entry: staging,
     * trust, the install id, a history line a busy run appended meanwhile...; a link found there stays),
     * then the lock file while still holding it, then, once released, {@code .rmkit/} and, if this run
     * created it, the install directory: each only while empty, so anything a user put there meanwhile
     * stays.
     */
    public void closeRemovingWhatItCreated() throws IOException {
        if (!createdStateDir || Files.exists(layout.journalFile(), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(layout.installedFile(), LinkOption.NOFOLLOW_LINKS)) {
            close();
            return;
        }
        InstallFiles files = layout.files();
        try {
            files.deleteOwnWithTemps(layout.stateEntries().stream().filter(e -> !e.equals(layout.lockFile())).toList());
            files.deleteOwn(layout.lockFile());
        } finally {
            close();
        }
        files.removeEmptyDirectory(layout.stateDir());
        if (createdInstallDir) {
            Durable.removeEmptyDirectory(layout.installDir());
        }
        files.sync();
    }

    /** Releases the lock. The pid stays in the file; it only matters while the lock is held. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The OS drops the lock with the descriptor or the process anyway.
        }
    }
}
