package dev.rmkit.updater.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.UpdateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "a".repeat(64);

    static Stream<Path> samples() throws Exception {
        // Surefire runs in the module directory; the samples live in the repository's manifests/.
        Path dir = Path.of("..", "manifests", "samples");
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(all.isEmpty(), "no samples in " + dir.toAbsolutePath());
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleManifestIsValid(Path sample) throws Exception {
        Manifest m = ManifestParser.parse(Files.readAllBytes(sample));
        assertEquals("rmkit-burner", m.product());
        assertFalse(m.files().isEmpty());
    }

    private static ObjectNode valid() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1).put("product", "rmkit-burner").put("channel", "stable").put("version", "1.2.0")
                .put("released", "2026-11-01T00:00:00Z").put("expires", "2026-12-01T00:00:00Z").put("rebootRequired", false);
        root.putArray("files").addObject().put("path", "lib/burner.jar").put("size", 10).put("sha256", SHA).put("url", "blobs/" + SHA);
        root.putArray("removals").add("lib/old.jar");
        return root;
    }

    private static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mapsEveryField() throws Exception {
        Manifest m = ManifestParser.parse(bytes(valid()));
        assertEquals(new Manifest("rmkit-burner", "stable", "1.2.0", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"), List.of(new ManifestFile("lib/burner.jar", 10, SHA, "blobs/" + SHA)),
                List.of("lib/old.jar"), false), m);
    }

    @Test
    void writtenManifestsParseBackIdentically() throws Exception {
        Manifest m = ManifestParser.parse(bytes(valid()));
        assertEquals(m, ManifestParser.parse(ManifestJson.write(m)));
    }

    @Test
    void readsAndWritesARollout() throws Exception {
        ObjectNode n = valid();
        n.putObject("rollout").put("percent", 25).put("salt", "0123456789abcdef").put("halted", true);
        Manifest m = ManifestParser.parse(bytes(n));
        assertEquals(java.util.Optional.of(new Rollout(25, "0123456789abcdef", true)), m.rollout());
        assertEquals(m, ManifestParser.parse(ManifestJson.write(m)));
    }

    static Stream<Arguments> schemaViolations() {
        return Stream.<Arguments>of(
                violation("unknown top-level field", n -> n.put("extra", 1)),
                violation("missing version", n -> n.remove("version")),
                violation("format 2", n -> n.put("format", 2)),
                violation("upper-case product", n -> n.put("product", "Burner")),
                violation("version with build metadata", n -> n.put("version", "1.0+abc")),
                violation("date without zone", n -> n.put("released", "2026-11-01T00:00:00")),
                violation("not a date", n -> n.put("expires", "tomorrow")),
                violation("files not an array", n -> n.put("files", "x")),
                violation("negative size", n -> file(n).put("size", -1)),
                violation("fractional size", n -> file(n).put("size", 1.5)),
                violation("size as string", n -> file(n).put("size", "10")),
                violation("upper-case hash", n -> file(n).put("sha256", "A".repeat(64))),
                violation("short hash", n -> file(n).put("sha256", "ab")),
                violation("file without url", n -> file(n).remove("url")),
                violation("unknown file field", n -> file(n).put("mode", "755")),
                violation("rebootRequired as string", n -> n.put("rebootRequired", "yes")),
                violation("duplicate removals", n -> ((ArrayNode) n.get("removals")).add("lib/old.jar")),
                violation("expires before released", n -> n.put("expires", "2026-10-01T00:00:00Z")),
                violation("rollout over 100%", n -> n.putObject("rollout").put("percent", 101).put("salt", "0123456789abcdef")),
                violation("rollout without salt", n -> n.putObject("rollout").put("percent", 10)),
                violation("rollout salt not hex", n -> n.putObject("rollout").put("percent", 10).put("salt", "XYZXYZXYZXYZXYZXYZ")),
                violation("rollout unknown field", n -> n.putObject("rollout").put("percent", 10)
                        .put("salt", "0123456789abcdef").put("everyone", true)));
    }

    private static Arguments violation(String name, Consumer<ObjectNode> mutation) {
        return Arguments.of(name, mutation);
    }

    private static ObjectNode file(ObjectNode n) {
        return (ObjectNode) n.get("files").get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaViolations")
    void schemaViolationsAreRejected(String name, Consumer<ObjectNode> mutation) {
        ObjectNode n = valid();
        mutation.accept(n);
        UpdateException.Rejected e = assertThrows(UpdateException.Rejected.class, () -> ManifestParser.parse(bytes(n)));
        assertTrue(e.getMessage().startsWith("schema violation"), name + ": " + e.getMessage());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"../evil", "C:/x", "lib/CON", "/etc/passwd", "a\\b", ".rmkit/installed.json"})
    void unsafeFilePathsAreRejected(String path) {
        ObjectNode n = valid();
        file(n).put("path", path);
        UpdateException.Rejected e = assertThrows(UpdateException.Rejected.class, () -> ManifestParser.parse(bytes(n)));
        assertTrue(e.getMessage().startsWith("schema violation") || e.getMessage().startsWith("unsafe path"), e.getMessage());
    }

    @Test
    void caseDuplicateBetweenFileAndRemovalIsRejected() {
        ObjectNode n = valid();
        ((ArrayNode) n.get("removals")).add("LIB/Burner.jar");
        UpdateException.Rejected e = assertThrows(UpdateException.Rejected.class, () -> ManifestParser.parse(bytes(n)));
        assertTrue(e.getMessage().startsWith("unsafe path") && e.getMessage().contains("duplicates"), e.getMessage());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"file:///etc/passwd", "ftp://h/x", "//evil.example/x", "http:///x", "a b", "blobs/x#frag"})
    void unsafeUrlsAreRejected(String url) {
        ObjectNode n = valid();
        file(n).put("url", url);
        UpdateException.Rejected e = assertThrows(UpdateException.Rejected.class, () -> ManifestParser.parse(bytes(n)));
        assertTrue(e.getMessage().contains("url"), e.getMessage());
    }

    @Test
    void absoluteHttpsUrlsAreAllowed() throws Exception {
        ObjectNode n = valid();
        file(n).put("url", "https://cdn.example.com/blobs/" + SHA);
        assertEquals("https://cdn.example.com/blobs/" + SHA, ManifestParser.parse(bytes(n)).files().get(0).url());
    }

    @Test
    void duplicateKeysTrailingDataBomAndBadUtf8AreRejected() {
        String doc = valid().toString();
        List<byte[]> bad = List.of(
                doc.replace("{\"format\":1,", "{\"format\":1,\"format\":1,").getBytes(StandardCharsets.UTF_8),
                (doc + " {}").getBytes(StandardCharsets.UTF_8),
                ("\uFEFF" + doc).getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', (byte) 0xC3, '}'},
                new byte[0]);
        for (byte[] b : bad) {
            UpdateException.Rejected e = assertThrows(UpdateException.Rejected.class, () -> ManifestParser.parse(b));
            assertTrue(e.getMessage().startsWith("schema violation"), e.getMessage());
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1e999999", "1e19", "9223372036854775808", "1e-999999",
        "10.5e0"})
    void aNumberOutsideTheIntegerRangeIsASchemaViolation(String size) {
        // Written by hand: these are the texts an attacker signs, not what a JSON library would print.
        byte[] doc = valid().toString().replace("\"size\":10", "\"size\":" + size).getBytes(StandardCharsets.UTF_8);
        UpdateException.Rejected e = assertThrows(UpdateException.Rejected.class, () -> ManifestParser.parse(doc),
                () -> "size " + size + " was accepted");
        assertTrue(e.getMessage().startsWith("schema violation") && e.getMessage().contains("size"), e.getMessage());
    }

    @Test
    void anIntegralNumberWrittenWithAnExponentIsStillItsValue() throws Exception {
        byte[] doc = valid().toString().replace("\"size\":10", "\"size\":1e1").getBytes(StandardCharsets.UTF_8);
        assertEquals(10, ManifestParser.parse(doc).files().get(0).size());
    }

    @Test
    void oversizedManifestIsRejected() {
        byte[] big = new byte[ManifestParser.MAX_BYTES + 1];
        UpdateException.Rejected e = assertThrows(UpdateException.Rejected.class, () -> ManifestParser.parse(big));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }
}
