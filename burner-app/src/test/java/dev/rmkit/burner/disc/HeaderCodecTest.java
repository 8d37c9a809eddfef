package dev.rmkit.burner.disc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HeaderCodecTest {

    static SessionInfo session(int n, long start, long blocks) {
        return new SessionInfo(n, start, blocks, "Label " + n, "job-" + n, Instant.ofEpochSecond(1_700_000_000L + n));
    }

    @Test
    void roundTripKeepsEveryField() {
        DiscHeader h = new DiscHeader(7, MediaType.DVD_PLUS_R, UUID.randomUUID(), true,
                List.of(session(1, 32, 177), session(2, 224, 33)));
        HeaderCodec.Slot s = HeaderCodec.decode(HeaderCodec.encode(h));
        assertEquals(h, assertInstanceOf(HeaderCodec.Slot.Valid.class, s).header());
    }

    @Test
    void aFlippedPayloadByteIsDamageNotAWrongHeader() {
        byte[] slot = HeaderCodec.encode(DiscHeader.blank(MediaType.CD_R));
        slot[HeaderCodec.FIXED + 3] ^= 1;
        HeaderCodec.Slot.Damaged d = assertInstanceOf(HeaderCodec.Slot.Damaged.class, HeaderCodec.decode(slot));
        assertTrue(d.why().contains("checksum"), d.why());
    }

    @Test
    void zerosAreAbsentAndAnUnknownVersionIsDamaged() {
        assertInstanceOf(HeaderCodec.Slot.Absent.class, HeaderCodec.decode(new byte[HeaderCodec.SLOT_BYTES]));
        byte[] slot = HeaderCodec.encode(DiscHeader.blank(MediaType.CD_R));
        slot[9] = 2;
        assertInstanceOf(HeaderCodec.Slot.Damaged.class, HeaderCodec.decode(slot));
    }

    @Test
    void consecutiveGenerationsUseDifferentSlots() {
        assertEquals(1, HeaderCodec.slotOf(1));
        assertEquals(0, HeaderCodec.slotOf(2));
        assertEquals(1, HeaderCodec.slotOf(3));
    }

    @Test
    void ninetyNineSessionsWithTheLongestLabelsAndJobIdsFitTheSlot() {
        List<SessionInfo> all = new ArrayList<>();
        long start = 32;
        for (int i = 1; i <= 99; i++) {
            all.add(new SessionInfo(i, start, 40, "\u00e9".repeat(32), "j".repeat(40), Instant.now()));
            start += 64;
        }
        DiscHeader h = new DiscHeader(3, MediaType.CD_R, UUID.randomUUID(), true, all);
        assertEquals(h, ((HeaderCodec.Slot.Valid) HeaderCodec.decode(HeaderCodec.encode(h))).header());
    }

    @Test
    void anInconsistentTableOfContentsIsDamaged() {
        DiscHeader h = new DiscHeader(3, MediaType.CD_R, UUID.randomUUID(), false, List.of(session(1, 32, 100)));
        byte[] slot = HeaderCodec.encode(h);
        // rewrite session 1's start (after generation, media, id, flags, count, number) to 33 and fix the CRC
        int start = HeaderCodec.FIXED + 8 + 2 + "cd-r".length() + 16 + 1 + 2 + 2;
        slot[start + 3] = 33;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        int len = (slot[10] & 0xff) << 8 | (slot[11] & 0xff);
        crc.update(slot, HeaderCodec.FIXED, len);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            slot[12 + i] = (byte) (c >>> (24 - 8 * i));
        }
        HeaderCodec.Slot.Damaged d = assertInstanceOf(HeaderCodec.Slot.Damaged.class, HeaderCodec.decode(slot));
        assertTrue(d.why().contains("starts at block 33"), d.why());
    }
}
