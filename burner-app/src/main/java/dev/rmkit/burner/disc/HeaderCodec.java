package dev.rmkit.burner.disc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Encodes the {@link DiscHeader} into one of two 16 KiB slots of the system area (slot 0 = blocks 0-7,
 * slot 1 = blocks 8-15), which ISO 9660 leaves to the writer. Big-endian layout of a slot:
 *
 * <pre>
 *   0  8 bytes  magic "RMKITDSC"
 *   8  u16      format version (1)
 *  10  u16      payload length N
 *  12  u32      CRC-32 of the payload
 *  16  N bytes  payload: u64 generation, UTF media name, u64+u64 disc id, u8 flags (bit 0 closed),
 *               u16 session count, then per session u16 number, u32 start, u32 blocks,
 *               u64 burned (epoch seconds), UTF label, UTF job id   (UTF = u16 length + UTF-8)
 * </pre>
 *
 * Generation g lives in slot g % 2, so a commit always overwrites the OLDER slot: a write torn by a
 * crash damages only the slot being written, and the reader falls back to the other, older one.
 */
public final class HeaderCodec {

    public static final int SLOT_BYTES = 16 * 1024;
    public static final int SLOTS = 2;
    static final byte[] MAGIC = "RMKITDSC".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int FIXED = 16;

    private HeaderCodec() {}

    /** Which slot generation {@code g} is written to. */
    public static int slotOf(long generation) {
        return (int) (generation % SLOTS);
    }

    /** One slot's bytes for {@code h}. */
    public static byte[] encode(DiscHeader h) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(h.generation());
            out.writeUTF(h.media().cliName());
            out.writeLong(h.discId().getMostSignificantBits());
            out.writeLong(h.discId().getLeastSignificantBits());
            out.writeByte(h.closed() ? 1 : 0);
            out.writeShort(h.sessions().size());
            for (SessionInfo s : h.sessions()) {
                out.writeShort(s.number());
                out.writeInt((int) s.start());
                out.writeInt((int) s.blocks());
                out.writeLong(s.burned().getEpochSecond());
                out.writeUTF(s.label());
                out.writeUTF(s.jobId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        if (payload.length > SLOT_BYTES - FIXED) {
            throw new IllegalStateException("header of " + payload.length + " bytes exceeds its slot");
        }
        byte[] slot = new byte[SLOT_BYTES];
        System.arraycopy(MAGIC, 0, slot, 0, MAGIC.length);
        slot[8] = 0;
        slot[9] = VERSION;
        slot[10] = (byte) (payload.length >>> 8);
        slot[11] = (byte) payload.length;
        long crc = crc(payload, 0, payload.length);
        for (int i = 0; i < 4; i++) {
            slot[12 + i] = (byte) (crc >>> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, slot, FIXED, payload.length);
        return slot;
    }

    /** What a slot holds. */
    public sealed interface Slot {
        /** Nothing that looks like a header (a blank or foreign image). */
        record Absent() implements Slot {}

        /** The magic is there but the slot cannot be trusted (torn write, bit rot, unknown version). */
        record Damaged(String why) implements Slot {}

        record Valid(DiscHeader header) implements Slot {}
    }

    /** Decodes one slot; never throws. */
    public static Slot decode(byte[] slot) {
        if (slot.length < FIXED || !Arrays.equals(Arrays.copyOf(slot, MAGIC.length), MAGIC)) {
            return new Slot.Absent();
        }
        int version = (slot[8] & 0xff) << 8 | (slot[9] & 0xff);
        if (version != VERSION) {
            return new Slot.Damaged("header format version " + version + " is not supported");
        }
        int len = (slot[10] & 0xff) << 8 | (slot[11] & 0xff);
        if (len > slot.length - FIXED) {
            return new Slot.Damaged("header length " + len + " overruns its slot");
        }
        long stored = (slot[12] & 0xffL) << 24 | (slot[13] & 0xffL) << 16 | (slot[14] & 0xffL) << 8 | (slot[15] & 0xffL);
        if (crc(slot, FIXED, len) != stored) {
            return new Slot.Damaged("header checksum mismatch");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(slot, FIXED, len))) {
            long generation = in.readLong();
            String mediaName = in.readUTF();
            Optional<MediaType> media = MediaType.parse(mediaName);
            if (media.isEmpty()) {
                return new Slot.Damaged("unknown media type '" + mediaName + "'");
            }
            UUID id = new UUID(in.readLong(), in.readLong());
            boolean closed = (in.readByte() & 1) != 0;
            int count = in.readUnsignedShort();
            List<SessionInfo> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int number = in.readUnsignedShort();
                long start = in.readInt() & 0xffffffffL;
                long blocks = in.readInt() & 0xffffffffL;
                Instant burned = Instant.ofEpochSecond(in.readLong());
                sessions.add(new SessionInfo(number, start, blocks, in.readUTF(), in.readUTF(), burned));
            }
            return new Slot.Valid(new DiscHeader(generation, media.get(), id, closed, sessions));
        } catch (IOException | RuntimeException e) {
            return new Slot.Damaged("inconsistent table of contents: " + e.getMessage());
        }
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }
}
