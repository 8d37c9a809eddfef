package dev.rmkit.burner.disc;

import dev.rmkit.burner.BurnerException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads and checks what an image says about itself before the burner trusts it, and tidies up after
 * an interrupted burn. Pure checks on the header slots live in {@link HeaderCodec}; this class adds
 * the checks that need the file (its length, each session's volume descriptor).
 */
final class DiscValidator {

    static final int SUPERBLOCK_VDS = 3;
    static final long SUPERBLOCK_LBA = 16;

    private DiscValidator() {}

    /** The newest trustworthy header: the valid slot with the higher generation. */
    static DiscHeader readHeader(FileChannel ch, Path path) throws IOException, BurnerException {
        if (ch.size() < (long) HeaderCodec.SLOTS * HeaderCodec.SLOT_BYTES) {
            throw BurnerException.damaged(path + " is not a burner disc image (" + ch.size()
                    + " bytes, too short to hold a disc header)");
        }
        HeaderCodec.Slot best = null;
        String damage = null;
        for (int i = 0; i < HeaderCodec.SLOTS; i++) {
            ByteBuffer b = ByteBuffer.allocate(HeaderCodec.SLOT_BYTES);
            readFully(ch, b, (long) i * HeaderCodec.SLOT_BYTES);
            HeaderCodec.Slot s = HeaderCodec.decode(b.array());
            if (s instanceof HeaderCodec.Slot.Damaged d) {
                damage = d.why();
            } else if (s instanceof HeaderCodec.Slot.Valid v && (!(best instanceof HeaderCodec.Slot.Valid bv)
                    || v.header().generation() > bv.header().generation())) {
                best = s;
            }
        }
        if (best instanceof HeaderCodec.Slot.Valid v) {
            return v.header();
        }
        if (damage != null) {
            throw BurnerException.damaged("the disc header of " + path + " is damaged (" + damage
                    + "); refusing to read or write it");
        }
        throw BurnerException.damaged(path + " is not a burner disc image (no disc header in blocks 0-15)");
    }

    /** Checks that the image holds every session the header lists, each starting with a volume descriptor. */
    static void checkSessions(FileChannel ch, Path path, DiscHeader h) throws IOException, BurnerException {
        long blocks = ch.size() / DiscImage.BLOCK;
        if (blocks < h.end()) {
            throw BurnerException.damaged("the disc " + path + " is truncated: its table of contents ends at block "
                    + h.end() + " but the image holds " + blocks + " blocks");
        }
        for (SessionInfo s : h.sessions()) {
            ByteBuffer b = ByteBuffer.allocate(DiscImage.BLOCK);
            readFully(ch, b, (s.start() + 16) * DiscImage.BLOCK);
            byte[] vd = b.array();
            if (vd[0] != 1 || vd[1] != 'C' || vd[2] != 'D' || vd[3] != '0' || vd[4] != '0' || vd[5] != '1') {
                throw BurnerException.damaged("the table of contents of " + path + " is damaged: session "
                        + s.number() + " has no primary volume descriptor at block " + (s.start() + 16));
            }
        }
    }

    /**
     * After an interrupted burn: drops blocks past the last committed session and makes the superblock
     * copy (blocks 16-18) match the newest session again.
     *
     * @return blocks dropped
     */
    static long repair(FileChannel ch, DiscHeader h) throws IOException {
        long keep = DiscHeader.align(h.end()) * DiscImage.BLOCK;
        long dropped = 0;
        if (ch.size() > keep) {
            dropped = (ch.size() - keep) / DiscImage.BLOCK;
            ch.truncate(keep);
        }
        byte[] expected = expectedSuperblock(ch, h);
        ByteBuffer actual = ByteBuffer.allocate(expected.length);
        readFully(ch, actual, SUPERBLOCK_LBA * DiscImage.BLOCK);
        if (!Arrays.equals(actual.array(), expected)) {
            DiscImage.writeFully(ch, ByteBuffer.wrap(expected), SUPERBLOCK_LBA * DiscImage.BLOCK);
        }
        ch.force(true);
        return dropped;
    }

    /** Blocks 16-18 for this header: the newest session's descriptors with the disc's end as volume size. */
    static byte[] expectedSuperblock(FileChannel ch, DiscHeader h) throws IOException {
        if (h.blank()) {
            return new byte[SUPERBLOCK_VDS * DiscImage.BLOCK];
        }
        SessionInfo s = h.newest().orElseThrow();
        ByteBuffer b = ByteBuffer.allocate(SUPERBLOCK_VDS * DiscImage.BLOCK);
        readFully(ch, b, (s.start() + 16) * DiscImage.BLOCK);
        return dev.rmkit.burner.iso.VolumeDescriptors.withVolumeSpaceSize(b.array(), h.end());
    }

    static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (pos + b.position()));
            }
        }
    }

    /** Makes a rename in the directory durable (fsync of the directory; a no-op where unsupported). */
    static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; its renames are durable via the journal
        }
    }
}
