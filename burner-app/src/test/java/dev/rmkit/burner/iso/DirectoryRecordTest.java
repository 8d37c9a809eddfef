package dev.rmkit.burner.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DirectoryRecordTest {

    @Test
    void encodesBothEndianFieldsAndRoundTrips() {
        DirectoryRecord r = new DirectoryRecord(0x01020304L, 5000, Instant.parse("2024-02-29T13:14:15Z"), false,
                "A.TXT;1".getBytes(StandardCharsets.US_ASCII));
        byte[] b = new byte[64];
        int len = r.encode(b, 0);
        assertEquals(33 + 7, len, "odd identifier length needs no pad byte");
        assertEquals(0x04, b[2]);
        assertEquals(0x01, b[6], "big-endian copy of the extent");
        assertEquals(124, b[18], "years since 1900");
        assertEquals(r, DirectoryRecord.decode(b, 0));
    }

    @Test
    void evenIdentifiersArePadded() {
        DirectoryRecord r = new DirectoryRecord(1, 0, Instant.EPOCH, true, "AB".getBytes(StandardCharsets.US_ASCII));
        assertEquals(36, r.length());
    }

    @Test
    void malformedRecordsAreRejected() {
        byte[] b = new byte[40];
        b[0] = 20;
        assertThrows(IllegalArgumentException.class, () -> DirectoryRecord.decode(b, 0));
        b[0] = 40;
        b[32] = 30;
        assertThrows(IllegalArgumentException.class, () -> DirectoryRecord.decode(b, 0));
    }
}
