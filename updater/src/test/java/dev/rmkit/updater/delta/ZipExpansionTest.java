package dev.rmkit.updater.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.hash.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile zips: publish's expander refuses them with one reason, before inflating
 * anything it cannot bound, and leaves no scratch file; the client refuses the same bases.
 */
class ZipExpansionTest {
    @TempDir Path tmp;

    static final byte[] DATA = ZipPatches.text(20_000, 1);
    static final byte[] DATA2 = ZipPatches.text(20_000, 2);

    private static byte[] twoEntries() {
        return ZipPatches.zipOf(new ZipPatches.RawEntry("a", DATA, ZipPatches.deflate(DATA, 6)),
                new ZipPatches.RawEntry("b", DATA2, ZipPatches.deflate(DATA2, 6)));
    }

    /** The little-endian view of {@code zip}, with its central directory's offset. */
    private static ByteBuffer le(byte[] zip) {
        return ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int centralDirectory(byte[] zip) {
        return le(zip).getInt(zip.length - 22 + 16);
    }

    /** Expands {@code zip} as publish does and returns the refusal's message. */
    private String refusal(byte[] zip) throws Exception {
        Path good = tmp.resolve("good.zip");
        Files.write(good, twoEntries());
        Path bad = Files.write(tmp.resolve("bad.zip"), zip);
        PatchException e = assertThrows(PatchException.class,
                () -> ZipPatchWriter.write(good, bad, tmp.resolve("patch"), ZipLimits.DEFAULT));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of("bad.zip", "good.zip"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(e.getMessage().startsWith("not expandable: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWellFormedZipExpandsAndCollapsesToItsExactBytes() throws Exception {
        Path a = Files.write(tmp.resolve("a.zip"), ZipPatches.zip(Map.of("x", DATA), 6));
        Path b = Files.write(tmp.resolve("b.zip"), twoEntries());
        ZipPatchWriter.write(a, b, tmp.resolve("patch"), ZipLimits.DEFAULT);
        new Patcher().apply(a, tmp.resolve("patch"), tmp.resolve("out"), Files.size(b), Sha256.hex(Files.readAllBytes(b)));
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(tmp.resolve("out")));
    }

    @Test
    void overlappingEntriesAreRefused() throws Exception {
        byte[] z = twoEntries();
        ByteBuffer b = le(z);
        int second = centralDirectory(z) + 46 + 1; // the second central entry ("a" has a 1-byte name)
        b.putInt(second + 42, 0); // points at the first entry's local header too
        String why = refusal(z);
        assertTrue(why.contains("entries overlap at offset 0"), why);
    }

    @Test
    void anEntryThatInflatesToMoreThanItClaimsIsRefused() throws Exception {
        byte[] z = twoEntries();
        ByteBuffer b = le(z);
        b.putInt(centralDirectory(z) + 24, DATA.length - 1);
        assertTrue(refusal(z).contains("inflates to more than its claimed 19999 bytes"));
    }

    @Test
    void anEntryThatInflatesToLessThanItClaimsIsRefused() throws Exception {
        byte[] z = twoEntries();
        le(z).putInt(centralDirectory(z) + 24, DATA.length + 1);
        assertTrue(refusal(z).contains("with 20000 of 20001 bytes"));
    }

    @Test
    void aHugeClaimedSizeIsRefusedBeforeInflating() throws Exception {
        byte[] z = twoEntries();
        le(z).putInt(centralDirectory(z) + 24, 0xFFFF_FFF0);
        assertTrue(refusal(z).contains("claims 4294967280 bytes from"));
    }

    @Test
    void aZipBombIsRefusedBeforeInflating() throws Exception {
        byte[] zeros = new byte[32 << 20];
        byte[] bomb = ZipPatches.zipOf(new ZipPatches.RawEntry("z", zeros, ZipPatches.deflate(zeros, 9)));
        String why = refusal(bomb); // the total limit, or deflate's own ratio: either way before inflating
        assertTrue(why.contains("entries claim 33554432 bytes, more than the limit of") || why.contains("more than deflate can expand"),
                why);
    }

    @Test
    void aBombThatUnderstatesItsSizeStopsInflatingAtTheClaim() throws Exception {
        byte[] zeros = new byte[32 << 20];
        byte[] bomb = ZipPatches.zipOf(new ZipPatches.RawEntry("z", zeros, ZipPatches.deflate(zeros, 9)));
        le(bomb).putInt(centralDirectory(bomb) + 24, 100_000); // within the limits; the stream says otherwise
        assertTrue(refusal(bomb).contains("inflates to more than its claimed 100000 bytes"));
    }

    @Test
    void truncatedAndDamagedZipsAreRefused() throws Exception {
        byte[] z = twoEntries();
        assertTrue(refusal(java.util.Arrays.copyOf(z, z.length - 5)).contains("no end of central directory record"));
        byte[] pastEnd = z.clone();
        le(pastEnd).putInt(pastEnd.length - 22 + 16, z.length);
        assertTrue(refusal(pastEnd).contains("does not end at the end record"));
        byte[] badData = z.clone();
        for (int i = 40; i < 60; i++) {
            badData[i] = (byte) 0xFF; // inside the first entry's deflate stream
        }
        refusal(badData); // invalid deflate data, or a stream that ends elsewhere: refused either way
        byte[] trailing = java.util.Arrays.copyOf(z, z.length + 3);
        assertTrue(refusal(trailing).contains("no end of central directory record"));
    }
}
