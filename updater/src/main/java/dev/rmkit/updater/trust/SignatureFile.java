package dev.rmkit.updater.trust;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * The detached signature {@code manifest.json.sig}: {@code {"keyId":..,"algorithm":"Ed25519",
 * "signature":"<base64>"}} over the exact bytes of {@code manifest.json}. The key id is only a hint
 * to pick a trusted key; trust comes from the key that verifies.
 *
 * @param keyId id of the signing key (see {@link KeyId})
 * @param algorithm always {@code Ed25519}
 * @param signature the 64-byte Ed25519 signature
 */
public record SignatureFile(String keyId, String algorithm, byte[] signature) {
    /** Signature files are a few hundred bytes; anything larger is not one. */
    public static final int MAX_BYTES = 4096;

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> FIELDS = Set.of("keyId", "algorithm", "signature");

    public SignatureFile {
        if (!KeyId.isWellFormed(keyId)) {
            throw new IllegalArgumentException("key id must be 16 lower-case hex characters: " + keyId);
        }
        if (!Ed25519Keys.ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("unsupported signature algorithm: " + algorithm);
        }
        signature = Objects.requireNonNull(signature, "signature").clone();
        if (signature.length != 64) {
            throw new IllegalArgumentException("an Ed25519 signature has 64 bytes, this one " + signature.length);
        }
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    // A record compares arrays by identity; a signature is a value, so compare its bytes.
    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureFile s && keyId.equals(s.keyId) && algorithm.equals(s.algorithm)
                && java.util.Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(keyId, algorithm) * 31 + java.util.Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignatureFile[keyId=" + keyId + ", algorithm=" + algorithm + ", signature="
                + Base64.getEncoder().encodeToString(signature) + "]";
    }

    /** Parses a signature file; anything malformed is Rejected with the reason. */
    public static SignatureFile parse(byte[] bytes) throws UpdateException.Rejected {
        JsonNode node;
        try {
            node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UpdateException.Rejected("unparsable signature file: not JSON (" + e.getOriginalMessage() + ")");
        }
        return of(node);
    }

    /** One signature object already read as JSON (an element of a signature set). */
    static SignatureFile of(JsonNode node) throws UpdateException.Rejected {
        if (node == null || !node.isObject()) {
            throw new UpdateException.Rejected("unparsable signature file: not a JSON object");
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new UpdateException.Rejected("unparsable signature file: unknown field '" + f + "'");
            }
        }
        String keyId = text(node, "keyId");
        String algorithm = text(node, "algorithm");
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(text(node, "signature"));
        } catch (IllegalArgumentException e) {
            throw new UpdateException.Rejected("unparsable signature file: signature is not base64");
        }
        try {
            return new SignatureFile(keyId, algorithm, sig);
        } catch (IllegalArgumentException e) {
            throw new UpdateException.Rejected("unparsable signature file: " + e.getMessage());
        }
    }

    /** The file's bytes, as {@code publish} writes them. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("keyId", keyId);
        node.put("algorithm", algorithm);
        node.put("signature", Base64.getEncoder().encodeToString(signature));
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("serialising a small object node cannot fail", e);
        }
    }

    private static String text(JsonNode node, String field) throws UpdateException.Rejected {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new UpdateException.Rejected("unparsable signature file: '" + field + "' is missing or not a string");
        }
        return v.asText();
    }
}
