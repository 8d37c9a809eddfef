package dev.rmkit.updater.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "lib/burner.jar", "bin/burner", "a", "README", "docs/a b/c.txt", ".hidden", "lib/.rmkit", "x.rmkit/y",
        "consoles/x", "nul_file", "com10", "lpt", "file.part", "lib/naïve.txt", "a..b"
    })
    void acceptsOrdinaryRelativePaths(String path) {
        assertEquals(java.util.Optional.empty(), PathRules.violation(path), path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty path",
        "../etc/passwd|'..' segment",
        "lib/../../x|'..' segment",
        "..|'..' segment",
        "./a|'.' segment",
        "/etc/passwd|absolute path",
        "\\windows\\system32|absolute path",
        "C:/Windows/x.dll|drive letter",
        "c:x.dll|drive letter",
        "\\\\server\\share\\x|UNC path",
        "//server/share/x|UNC path",
        "lib\\x.dll|backslash",
        "file.txt:stream|NTFS alternate data stream",
        "lib/x.dll::$DATA|NTFS alternate data stream",
        "CON|Windows device name",
        "lib/nul.txt|Windows device name",
        "Aux.tar.gz|Windows device name",
        "com1|Windows device name",
        "LPT9.log|Windows device name",
        "'prn '|ends with a dot or space",
        "lib/x.|ends with a dot or space",
        "lib /x|ends with a dot or space",
        "a//b|empty segment",
        "a/|empty segment",
        ".rmkit/installed.json|state directory",
        ".RMKIT/trust/k.pub|state directory",
        "a/b.rmkit-part|reserved for partial downloads",
        "what?.txt|not allowed on Windows",
        "a<b|not allowed on Windows"
    })
    void rejectsPathsThatEscapeOrAlias(String path, String reason) {
        String v = PathRules.violation(path).orElseThrow(() -> new AssertionError("accepted " + path));
        assertTrue(v.contains(reason), path + " -> " + v);
    }

    @Test
    void rejectsControlCharacters() {
        assertTrue(PathRules.violation("a\u0000b").orElseThrow().contains("control character U+0000"));
        assertTrue(PathRules.violation("a\nb").orElseThrow().contains("control character"));
        assertTrue(PathRules.violation("a\u007fb").orElseThrow().contains("control character"));
    }

    @Test
    void rejectsDuplicatesThatDifferOnlyInCaseAcrossFilesAndRemovals() {
        List<String> v = PathRules.violations(List.of("lib/App.jar", "lib/app.JAR"), List.of());
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("duplicates 'lib/App.jar'"), v.get(0));
        v = PathRules.violations(List.of("lib/app.jar"), List.of("LIB/APP.jar"));
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("removal path 'LIB/APP.jar' duplicates"), v.get(0));
        v = PathRules.violations(List.of(), List.of("old.jar", "OLD.jar"));
        assertEquals(1, v.size(), v.toString());
    }

    @Test
    void rejectsAPathThatIsBothFileAndDirectory() {
        List<String> v = PathRules.violations(List.of("lib", "lib/a.jar"), List.of());
        assertEquals(List.of("path 'lib' is both a file and the directory of 'lib/a.jar'"), v);
        v = PathRules.violations(List.of("Lib/a.jar"), List.of("lib"));
        assertEquals(1, v.size(), v.toString());
    }

    @Test
    void aSegmentLongerThan255BytesIsRejectedWhateverItsCharacterCount() {
        assertEquals(java.util.Optional.empty(), PathRules.violation("lib/" + "a".repeat(255)));
        assertEquals(java.util.Optional.empty(), PathRules.violation("é".repeat(127) + "a"), "254 bytes");
        String tooLong = PathRules.violation("lib/" + "a".repeat(256)).orElseThrow();
        assertTrue(tooLong.contains("256 bytes") && tooLong.contains("255"), tooLong);
        // 128 characters, but 256 bytes in UTF-8: file systems count bytes.
        String wide = PathRules.violation("é".repeat(128) + "/x").orElseThrow();
        assertTrue(wide.contains("256 bytes"), wide);
    }

    @Test
    void rejectsUnicodeNormalizationTwinsLikeCaseOnlyDuplicates() {
        String nfc = "lib/caf\u00e9.txt";
        String nfd = "lib/cafe\u0301.txt";
        List<String> v = PathRules.violations(List.of(nfc, nfd), List.of());
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("duplicates"), v.get(0));
        assertEquals(1, PathRules.violations(List.of(nfc), List.of("LIB/CAFE\u0301.TXT")).size());
        // A directory spelled in NFD over a file spelled in NFC is the file/directory clash too.
        assertEquals(1, PathRules.violations(List.of("caf\u00e9", "cafe\u0301/x"), List.of()).size());
    }

    @Test
    void aCleanSetHasNoViolations() {
        assertEquals(List.of(), PathRules.violations(List.of("bin/x", "lib/a.jar", "lib/b.jar"), List.of("lib/old.jar")));
    }
}
