package dev.rmkit.rm.windows.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf16Test {

    @Test
    void decodeStopsAtTheFirstNul() {
        short[] units = {'a', 'b', 0, 'c'};
        assertEquals("ab", Utf16.decode(units));
    }

    @Test
    void decodeUsesTheWholeArrayWithoutNul() {
        assertEquals("xyz", Utf16.decode(new short[] {'x', 'y', 'z'}));
    }

    @Test
    void surrogatePairsSurviveARoundTrip() {
        String s = "disc 💿 ok";
        Memory m = Utf16.allocate(s);
        assertEquals(s, Utf16.read(m, 0));
        byte[] expected = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
        assertArrayEquals(expected, m.getByteArray(0, expected.length));
    }

    @Test
    void encodeIntoTruncatesAndAlwaysLeavesANul() {
        short[] units = new short[4];
        Utf16.encodeInto("abcdef", units);
        assertArrayEquals(new short[] {'a', 'b', 'c', 0}, units);
        assertEquals("abc", Utf16.decode(units));
    }

    @Test
    void readOfANullPointerIsEmpty() {
        assertEquals("", Utf16.read(null, 0));
    }
}
