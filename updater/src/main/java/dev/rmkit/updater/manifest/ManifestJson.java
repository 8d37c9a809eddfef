package dev.rmkit.updater.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The manifest's JSON form, both ways. Reading is strict where lenient parsers have hurt signed
 * formats: UTF-8 only (no BOM), duplicate keys and trailing content refused, so every reader sees
 * the same document the publisher signed.
 */
public final class ManifestJson {
    /** The only format this updater understands. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private ManifestJson() {}

    /** The JSON tree of manifest bytes; Rejected if they are not one strict UTF-8 JSON document. */
    public static JsonNode readTree(byte[] bytes) throws UpdateException.Rejected {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            throw new UpdateException.Rejected("schema violation: manifest starts with a byte-order mark");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UpdateException.Rejected("schema violation: manifest is not valid UTF-8");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new UpdateException.Rejected("schema violation: manifest is empty");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UpdateException.Rejected("schema violation: manifest is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The bytes {@code publish} signs: pretty-printed, fields in schema order, UTF-8, final newline. */
    public static byte[] write(Manifest m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("product", m.product());
        root.put("channel", m.channel());
        root.put("version", m.version());
        root.put("released", m.released().toString());
        root.put("expires", m.expires().toString());
        root.put("rebootRequired", m.rebootRequired());
        m.rollout().ifPresent(r -> { // omitted when absent, so manifests without a rollout keep their exact bytes
            ObjectNode n = root.putObject("rollout");
            n.put("percent", r.percent());
            n.put("salt", r.salt());
            if (r.halted()) {
                n.put("halted", true);
            }
        });
        ArrayNode files = root.putArray("files");
        for (ManifestFile f : m.files()) {
            ObjectNode n = files.addObject();
            n.put("path", f.path());
            n.put("size", f.size());
            n.put("sha256", f.sha256());
            n.put("url", f.url());
            if (f.executable()) {
                n.put("executable", true); // omitted when false, so older manifests keep their exact bytes
            }
        }
        ArrayNode removals = root.putArray("removals");
        m.removals().forEach(removals::add);
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("serialising a tree of strings and numbers cannot fail", e);
        }
    }

    static Instant instant(JsonNode node) {
        return Instant.parse(node.asText());
    }
}
