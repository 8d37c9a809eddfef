package dev.rmkit.burner.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimaryNamesTest {

    private static List<String> ids(List<String> names, List<Boolean> dirs) {
        return PrimaryNames.assign(names, dirs).stream()
                .map(n -> new String(n.identifier(), StandardCharsets.US_ASCII)).toList();
    }

    @Test
    void filesBecomeUpperCaseDCharactersWithAVersion() {
        assertEquals(List.of("README.TXT;1", "MY_PHOTO__1_.JPEG;1", "NOEXT.;1", "_BASHRC.;1"),
                ids(List.of("readme.txt", "my photo (1).jpeg", "noext", ".bashrc"), List.of(false, false, false, false)));
    }

    @Test
    void accentsAreDroppedBeforeMangling() {
        assertEquals(List.of("KOLN_GRUSSE.TXT;1"), ids(List.of("Köln-grüße.txt"), List.of(false)));
    }

    @Test
    void directoriesHaveNoDotAndUpTo31Characters() {
        assertEquals(List.of("MY_DIR_V2", "A".repeat(31)), ids(List.of("my.dir.v2", "a".repeat(40)), List.of(true, true)));
    }

    @Test
    void longNamesKeepTheirExtensionWithin30Characters() {
        String id = ids(List.of("x".repeat(50) + ".extension"), List.of(false)).get(0);
        assertEquals("X".repeat(22) + ".EXTENSIO;1", id);
    }

    @Test
    void collisionsGetNumberedDeterministically() {
        List<String> names = List.of("a b.txt", "a-b.txt", "a_b.txt", "A.B", "a.b");
        List<Boolean> files = List.of(false, false, false, false, false);
        List<String> once = ids(names, files);
        assertEquals(List.of("A_B.TXT;1", "A_B~1.TXT;1", "A_B~2.TXT;1", "A.B;1", "A~1.B;1"), once);
        assertEquals(once, ids(names, files));
    }

    @Test
    void numberingStaysWithinTheLengthLimit() {
        List<String> names = List.of("y".repeat(40) + ".txt", "y".repeat(40) + "!.txt");
        assertEquals(List.of("Y".repeat(27) + ".TXT;1", "Y".repeat(25) + "~1.TXT;1"), ids(names, List.of(false, false)));
    }
}
