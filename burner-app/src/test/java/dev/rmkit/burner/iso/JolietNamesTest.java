package dev.rmkit.burner.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JolietNamesTest {

    @Test
    void unicodeNamesUpTo64CharactersAreFine() {
        assertTrue(JolietNames.problem("日本語 Grüße & (1).txt").isEmpty());
        assertTrue(JolietNames.problem("x".repeat(64)).isEmpty());
    }

    @Test
    void overLongNamesAreRefusedWithTheCount() {
        assertEquals("the name has 65 characters; Joliet allows at most 64", JolietNames.problem("x".repeat(65)).get());
    }

    @Test
    void forbiddenCharactersAndControlsAreRefused() {
        for (String c : new String[] {"*", ":", ";", "?", "\\"}) {
            assertEquals("Joliet names cannot contain '" + c + "'", JolietNames.problem("a" + c + "b").get());
        }
        assertTrue(JolietNames.problem("tab\there").get().contains("control"));
    }

    @Test
    void charactersOutsideTheBmpAreRefusedByCodePoint() {
        assertEquals("Joliet (UCS-2) cannot hold the character U+1F600 (outside the Basic Multilingual Plane)",
                JolietNames.problem("smile \uD83D\uDE00").get());
    }

    @Test
    void decodingDropsAVersionSuffix() {
        assertEquals("a.txt", JolietNames.decode("a.txt;1".getBytes(StandardCharsets.UTF_16BE)));
        assertEquals("a;b", JolietNames.decode("a;b".getBytes(StandardCharsets.UTF_16BE)));
    }
}
