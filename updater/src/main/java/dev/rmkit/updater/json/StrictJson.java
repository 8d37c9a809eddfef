package dev.rmkit.updater.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of signed documents (manifests, release indexes, roots), both ways. Reading is strict
 * where lenient parsers have hurt signed formats: UTF-8 only (no BOM), duplicate keys and trailing
 * content refused, so every reader sees the document the publisher signed.
 */
public final class StrictJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private StrictJson() {}

    /** The tree of {@code bytes}; Rejected ("schema violation: WHAT ...") unless one strict UTF-8 JSON document. */
    public static JsonNode readTree(byte[] bytes, String what) throws UpdateException.Rejected {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            throw new UpdateException.Rejected("schema violation: " + what + " starts with a byte-order mark");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UpdateException.Rejected("schema violation: " + what + " is not valid UTF-8");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new UpdateException.Rejected("schema violation: " + what + " is empty");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UpdateException.Rejected("schema violation: " + what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    /** A new object node to build a document in. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The bytes publish signs: pretty-printed, UTF-8, final newline. */
    public static byte[] bytes(JsonNode root) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("serialising a tree of strings and numbers cannot fail", e);
        }
    }
}
