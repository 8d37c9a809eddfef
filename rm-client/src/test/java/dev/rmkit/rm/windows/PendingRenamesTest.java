package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.PendingReplacement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingRenamesTest {

    private static byte[] multiSz(String content) {
        return content.getBytes(StandardCharsets.UTF_16LE);
    }

    @Test
    void decodesRenamesReplacesAndDeletesInOrder() {
        byte[] raw = multiSz("\\??\\C:\\a.new\0!\\??\\C:\\a\0\\??\\C:\\old\0\0\\??\\C:\\b.new\0\\??\\C:\\b\0\0");
        assertEquals(List.of(
                new PendingReplacement(Path.of("C:\\a.new"), Optional.of(Path.of("C:\\a"))),
                new PendingReplacement(Path.of("C:\\old"), Optional.empty()),
                new PendingReplacement(Path.of("C:\\b.new"), Optional.of(Path.of("C:\\b")))), PendingRenames.decode(raw));
    }

    @Test
    void aTrailingDeleteAndPaddingAreRead() {
        byte[] raw = multiSz("\\??\\C:\\x\0\0\0\0\0");
        assertEquals(List.of(new PendingReplacement(Path.of("C:\\x"), Optional.empty())), PendingRenames.decode(raw));
    }

    @Test
    void anEmptyOrOddValueYieldsNothingBroken() {
        assertTrue(PendingRenames.decode(new byte[0]).isEmpty());
        assertTrue(PendingRenames.decode(new byte[] {0, 0, 0}).isEmpty());
    }

    @Test
    void pathsCompareWithoutCase() {
        assertTrue(PendingRenames.samePath(Path.of("C:\\Apps\\A.DLL"), Path.of("c:\\apps\\a.dll")));
    }

    @Test
    void withdrawingKeepsEveryOtherPairByteForByte() {
        byte[] raw = multiSz("\\??\\C:\\a.new\0!\\??\\C:\\a\0\\??\\C:\\old\0\0\\??\\D:\\other.new\0!\\??\\D:\\other\0\0");

        byte[] left = PendingRenames.without(raw, List.of(
                new PendingReplacement(Path.of("c:\\A.NEW"), Optional.of(Path.of("C:\\a"))),
                new PendingReplacement(Path.of("C:\\old"), Optional.empty()),
                new PendingReplacement(Path.of("C:\\never-scheduled"), Optional.empty())));

        assertEquals("\\??\\D:\\other.new\0!\\??\\D:\\other\0\0", new String(left, StandardCharsets.UTF_16LE));
        assertEquals(0, PendingRenames.without(left, PendingRenames.decode(left)).length, "nothing left: no value");
    }
}
