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
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of signed documents (manifests, release indexes, roots), both ways. Reading is strict
 * where lenient parsers have hurt signed formats: UTF-8 only (no BOM), duplicate keys and trailing
 * content refused, and every number an integer a {@code long} holds exactly, so every reader sees
 * the document the publisher signed. (JSON Schema calls {@code 1e999999} an integer and a validator
 * may compare it with a maximum loosely, while {@code asLong()} reads it as 0; {@code 1e1} is 10,
 * {@code 1.5}, {@code 1e19} and {@code 1e999999} are refused. None of these documents has a
 * fractional number.)
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
            List<String> inexact = new ArrayList<>();
            collectInexact(node, "$", inexact);
            if (!inexact.isEmpty()) {
                throw new UpdateException.Rejected("schema violation: " + what + ": " + String.join("; ", inexact));
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UpdateException.Rejected("schema violation: " + what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static void collectInexact(JsonNode node, String at, List<String> out) {
        if (node.isNumber() && !isExactLong(node)) {
            String text = node.isBigDecimal() ? node.decimalValue().toString() : node.asText();
            out.add(at + ": " + (text.length() > 24 ? text.substring(0, 24) + "..." : text)
                    + " is not an integer a 64-bit long holds exactly");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectInexact(node.get(i), at + "[" + i + "]", out);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> collectInexact(e.getValue(), at + "." + e.getKey(), out));
        }
    }

    private static boolean isExactLong(JsonNode n) {
        if (n.isInt() || n.isLong()) {
            return true;
        }
        if (n.isBigInteger()) {
            return n.bigIntegerValue().bitLength() < 64;
        }
        if (!n.isBigDecimal()) {
            return false;
        }
        BigDecimal d = n.decimalValue();
        if (d.signum() == 0) {
            return true;
        }
        if (d.precision() - d.scale() > 19 || d.precision() - d.scale() <= 0) {
            return false; // more than 19 integer digits, or none: not a long, decided without expanding it
        }
        try {
            d.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
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
