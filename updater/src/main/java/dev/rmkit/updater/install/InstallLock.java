package dev.rmkit.updater.install;

import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * The install's lock, held for a whole apply or resume: an OS file lock on {@code .rmkit/lock}
 * ({@code fcntl} on Linux, {@code LockFileEx} on Windows). The OS releases it when the process dies,
 * so a killed updater never leaves a stale lock behind; the file's content (the holder's pid) is only
 * for the message a second updater prints.
 */
public final class InstallLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstallLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock at once or fails.
     *
     * @throws UpdateException.Deferred if another updater holds it ("another update is running (pid N)")
     * @throws UpdateException.PermissionDenied if the state directory cannot be written
     * @throws UpdateException.ApplyFailed if the lock file cannot be used for another reason
     */
    public static InstallLock acquire(InstallLayout layout) throws UpdateException {
        FileChannel ch = null;
        try {
            Files.createDirectories(layout.stateDir());
            ch = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM already holds it: another run in the same process
            }
            if (lock == null) {
                String holder = readHolder(ch);
                ch.close();
                throw new UpdateException.Deferred("another update is running (pid " + holder + ") on "
                        + layout.installDir());
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            return new InstallLock(ch, lock);
        } catch (AccessDeniedException e) {
            closeQuietly(ch);
            throw new UpdateException.PermissionDenied("cannot write the install state " + e.getFile(), e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UpdateException.ApplyFailed("cannot take the install lock " + layout.lockFile()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String readHolder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Already failing with a better message.
            }
        }
    }

    /** Releases the lock. The pid stays in the file; it only matters while the lock is held. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The OS drops the lock with the descriptor or the process anyway.
        }
    }
}
