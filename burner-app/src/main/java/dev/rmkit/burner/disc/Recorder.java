package dev.rmkit.burner.disc;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.iso.SessionLayout;
import dev.rmkit.burner.iso.SessionWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Burns and erases, with the commit order that keeps every earlier session safe:
 * (1) write the new session's blocks after the last session and force them to disk; (2) write the new
 * header generation into the older header slot and force it (the commit point); (3) rewrite the
 * superblock copy at blocks 16-18 so plain readers see the new session, and force it. A crash before
 * (2) leaves the disc without the new session (its blocks are dropped at the next writable open); a
 * crash between (2) and (3) leaves it with the session, and the next writable open redoes (3).
 */
public final class Recorder {

    private Recorder() {}

    /** Refuses a closed disc or one holding the maximum number of sessions. */
    public static void checkAppendable(DiscImage disc) throws BurnerException {
        DiscHeader h = disc.header();
        if (h.closed()) {
            throw BurnerException.refused("the disc " + disc.path() + " is closed (finalized after session "
                    + h.sessions().size() + "); it takes no further session"
                    + (h.media().rewritable() ? " until it is erased" : ""));
        }
    }

    /** Refuses a session that does not fit, saying how much it needs and how much is left. */
    public static void checkRoom(DiscHeader h, long blocks) throws BurnerException {
        long needed = Capacity.needed(h, blocks);
        long free = Capacity.free(h);
        if (needed > free) {
            String overhead = Capacity.human(h.blank() ? Capacity.FIRST_SESSION_OVERHEAD : Capacity.FURTHER_SESSION_OVERHEAD);
            throw BurnerException.refused("disc full: this session needs " + Capacity.human(needed) + " (" + needed
                    + " sectors, including " + overhead + " session overhead) but only " + Capacity.human(free)
                    + " (" + free + " sectors) are left on the " + h.media().displayName());
        }
    }

    /**
     * Writes the laid-out session and commits it.
     *
     * @return the disc's new header
     * @throws BurnerException when refused (closed, full, disc swapped), stopped, or on a read/write failure;
     *     in every case the disc still holds exactly its earlier sessions
     */
    public static DiscHeader burn(DiscImage disc, SessionLayout layout, SessionWriter writer, String label, String jobId,
            boolean close, Speed speed, BurnMonitor monitor) throws BurnerException {
        DiscHeader h = disc.header();
        checkAppendable(disc);
        if (layout.start() != h.nextStart()) {
            throw new IllegalArgumentException("layout starts at " + layout.start() + ", disc at " + h.nextStart());
        }
        checkRoom(h, layout.blocks());
        if (!speed.isMax() && speed.multiple() > h.media().maxSpeed()) {
            throw new BurnerException(ExitCode.USAGE, h.media().displayName() + " media is rated up to "
                    + h.media().maxSpeed() + "x, not " + speed);
        }
        long total = layout.blocks() * DiscImage.BLOCK;
        RecorderSink sink = new RecorderSink(disc.channel(), layout.start() * DiscImage.BLOCK, total,
                speed.bytesPerSecond(h.media()), monitor);
        writer.writeTo(sink);
        try {
            long padTo = DiscHeader.align(layout.end()) * DiscImage.BLOCK;
            long at = layout.end() * DiscImage.BLOCK;
            if (padTo > at) {
                DiscImage.writeFully(disc.channel(), ByteBuffer.allocate((int) (padTo - at)), at);
            }
            disc.channel().force(true);
            disc.requireStillInserted();
            SessionInfo info = new SessionInfo(h.sessions().size() + 1, layout.start(), layout.blocks(), label, jobId,
                    Instant.now());
            DiscHeader next = h.withSession(info, close);
            if (!next.closed() && (Capacity.nearlyFull(next) || next.sessions().size() == DiscHeader.MAX_SESSIONS)) {
                next = h.withSession(info, true);
            }
            disc.writeHeader(next);
            byte[] superblock = writer.volumeDescriptors(next.end());
            DiscImage.writeFully(disc.channel(), ByteBuffer.wrap(superblock), DiscValidator.SUPERBLOCK_LBA * DiscImage.BLOCK);
            disc.channel().force(true);
            return next;
        } catch (IOException e) {
            throw BurnerException.io("writing the disc " + disc.path() + " failed: " + e.getMessage(), e);
        }
    }

    /** Erases a rewritable disc: no sessions, a new identity. */
    public static DiscHeader erase(DiscImage disc) throws BurnerException {
        DiscHeader h = disc.header();
        if (!h.media().rewritable()) {
            throw BurnerException.refused("the disc " + disc.path() + " is a " + h.media().displayName()
                    + ", which cannot be erased");
        }
        try {
            DiscHeader next = h.erased();
            disc.writeHeader(next);
            DiscImage.writeFully(disc.channel(),
                    ByteBuffer.allocate((int) (DiscHeader.FIRST_SESSION_START - DiscValidator.SUPERBLOCK_LBA) * DiscImage.BLOCK),
                    DiscValidator.SUPERBLOCK_LBA * DiscImage.BLOCK);
            disc.channel().truncate(DiscHeader.FIRST_SESSION_START * DiscImage.BLOCK);
            disc.channel().force(true);
            return next;
        } catch (IOException e) {
            throw BurnerException.io("erasing " + disc.path() + " failed: " + e.getMessage(), e);
        }
    }
}
