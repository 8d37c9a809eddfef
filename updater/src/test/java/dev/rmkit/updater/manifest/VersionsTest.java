package dev.rmkit.updater.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionsTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "1.0.0, 1.0.1", "1.9, 1.10", "1.2.3, 2", "0.9.9, 1.0", "1.1.0-beta, 1.1.0", "1.1.0-alpha, 1.1.0-beta",
        "1.1.0-beta, 1.1.0-beta.2", "1.1.0-beta.2, 1.1.0-beta.10", "1.1.0-beta.10, 1.1.0-rc.1", "1.1.0-1, 1.1.0-alpha",
        "1.0.0, 1.1.0-beta"
    })
    void ordersOlderBeforeNewer(String older, String newer) {
        assertTrue(Versions.compare(older, newer) < 0, older + " < " + newer);
        assertTrue(Versions.compare(newer, older) > 0, newer + " > " + older);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({"1.0, 1.0.0", "2, 2.0.0.0", "1.1.0-beta, 1.1-beta"})
    void missingPartsCountAsZero(String a, String b) {
        assertEquals(0, Versions.compare(a, b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1.0", "1.", ".1", "01.0", "1.0-", "1.0-beta..1", "1.0+build", "1..0", "1.0 ", "1,0", "1234567890"})
    void rejectsMalformedVersions(String v) {
        assertFalse(Versions.isValid(v), v);
        assertThrows(IllegalArgumentException.class, () -> Versions.compare(v, "1.0"));
    }

    @Test
    void sortsAMixedList() {
        List<String> l = new ArrayList<>(List.of("1.10.0", "1.2.0", "1.2.0-rc.1", "1.2.0-beta", "0.9", "1.2.0-rc.10"));
        Collections.shuffle(l, new java.util.Random(7));
        l.sort(Versions.ORDER);
        assertEquals(List.of("0.9", "1.2.0-beta", "1.2.0-rc.1", "1.2.0-rc.10", "1.2.0", "1.10.0"), l);
    }
}
