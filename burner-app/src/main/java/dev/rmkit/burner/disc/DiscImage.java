package dev.rmkit.burner.disc;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.WrongDiscException;
import dev.rmkit.burner.iso.SectorSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.UUID;

/**
 * A disc in the virtual recorder: an image file laid out as in docs/iso-layout.md. Opening checks the
 * header and the table of contents before anything else happens; a writable open also takes the
 * recorder's exclusive lock and cleans up after an interrupted burn (drops the unfinished session's
 * blocks, rewrites the superblock copy at blocks 16-18 if a crash left it stale).
 */
public final class DiscImage implements AutoCloseable {

    static final int BLOCK = 2048;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object fileKey;
    private DiscHeader header;
    private long discardedBlocks;

    private DiscImage(Path path, FileChannel channel, FileLock lock, DiscHeader header) throws IOException {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.header = header;
        this.fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    /**
     * Opens the disc at {@code path}.
     *
     * @param writable take the recorder (exclusive lock) to burn or erase
     * @throws BurnerException no disc there (66), not a disc or damaged (65), in use by another burner (73)
     */
    public static DiscImage open(Path path, boolean writable) throws BurnerException {
        FileChannel ch;
        try {
            ch = writable ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw BurnerException.missingInput("no disc at " + path);
        } catch (IOException e) {
            throw BurnerException.missingInput("cannot open the disc " + path + ": " + e.getMessage());
        }
        try {
            FileLock lock = writable ? tryLock(ch, path) : null;
            DiscHeader h = DiscValidator.readHeader(ch, path);
            DiscValidator.checkSessions(ch, path, h);
            DiscImage disc = new DiscImage(path, ch, lock, h);
            if (writable) {
                disc.discardedBlocks = DiscValidator.repair(ch, h);
            }
            return disc;
        } catch (BurnerException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw BurnerException.io("reading the disc " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Makes a blank disc of {@code media} at {@code path} (which must not exist) and opens it for writing. */
    public static DiscImage create(Path path, MediaType media) throws BurnerException {
        Path tmp = path.resolveSibling(path.getFileName() + ".new-" + UUID.randomUUID());
        try {
            DiscHeader h = DiscHeader.blank(media);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, ByteBuffer.allocate((int) DiscHeader.FIRST_SESSION_START * BLOCK), 0);
                writeFully(ch, ByteBuffer.wrap(HeaderCodec.encode(h)), slotOffset(h.generation()));
                ch.force(true);
            }
            Files.move(tmp, path);
            DiscValidator.syncDirectory(path);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw BurnerException.refused("a file already exists at " + path);
        } catch (IOException e) {
            throw BurnerException.io("cannot create a blank disc at " + path + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a leftover temporary file is harmless; the disc itself is complete or absent
            }
        }
        return open(path, true);
    }

    public Path path() {
        return path;
    }

    public DiscHeader header() {
        return header;
    }

    /** Blocks of an unfinished session that the writable open dropped (0 if the last burn completed). */
    public long discardedBlocks() {
        return discardedBlocks;
    }

    /** Refuses a disc other than the one a job is tied to (the IMAPI_E_WRONGDISC case). */
    public void requireIdentity(UUID expected) throws BurnerException {
        if (!header.discId().equals(expected)) {
            throw new WrongDiscException("the job is tied to disc " + expected + " but the disc at " + path + " is "
                    + header.discId() + " (IMAPI_E_WRONGDISC)");
        }
    }

    /** Random access to the disc's blocks, for reading sessions. */
    public SectorSource sectors() {
        return new SectorSource() {
            @Override
            public byte[] read(long lba, int count) throws BurnerException {
                if (lba < 0 || lba + count > blocks()) {
                    throw BurnerException.damaged("block " + lba + "+" + count + " lies beyond the end of the disc "
                            + path + " (" + blocks() + " blocks)");
                }
                ByteBuffer b = ByteBuffer.allocate(count * BLOCK);
                try {
                    while (b.hasRemaining()) {
                        if (channel.read(b, lba * BLOCK + b.position()) < 0) {
                            throw BurnerException.damaged("the disc " + path + " ends early at block " + lba);
                        }
                    }
                } catch (IOException e) {
                    throw BurnerException.io("reading " + path + " failed: " + e.getMessage(), e);
                }
                return b.array();
            }

            @Override
            public long blocks() {
                return header.end();
            }
        };
    }

    /** Writes {@code next} into its slot and makes it durable: the commit point of every change. */
    void writeHeader(DiscHeader next) throws IOException {
        writeFully(channel, ByteBuffer.wrap(HeaderCodec.encode(next)), slotOffset(next.generation()));
        channel.force(true);
        header = next;
    }

    FileChannel channel() {
        return channel;
    }

    /** Fails if the file at the path is no longer the one opened (the disc was swapped mid-burn). */
    void requireStillInserted() throws BurnerException {
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            if (!Objects.equals(now, fileKey)) {
                throw new WrongDiscException("the disc at " + path
                        + " was replaced during the burn; nothing was written to the new one");
            }
        } catch (IOException e) {
            throw new WrongDiscException("the disc at " + path + " was removed during the burn: " + e.getMessage());
        }
    }

    static long slotOffset(long generation) {
        return (long) HeaderCodec.slotOf(generation) * HeaderCodec.SLOT_BYTES;
    }

    static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    private static FileLock tryLock(FileChannel ch, Path path) throws BurnerException, IOException {
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            throw BurnerException.refused("the recorder is busy: another burn is using " + path);
        }
        return l;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing after a failure; the first error is the one reported
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // nothing is pending: every change was forced to disk when it was made
        }
    }
}
