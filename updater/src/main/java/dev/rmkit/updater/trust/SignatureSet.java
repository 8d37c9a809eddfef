package dev.rmkit.updater.trust;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The detached signatures of one signed document ({@code manifest.json.sig}, {@code index.json.sig},
 * {@code N.root.json.sig}). One signature keeps the original single-object form, so a feed signed
 * with one key stays readable by every updater; several (a root with a threshold above 1) are
 * {@code {"signatures":[...]}}, each element a {@link SignatureFile} object.
 *
 * @param signatures one or more signatures over the same bytes
 */
public record SignatureSet(List<SignatureFile> signatures) {
    /** A few signatures of a few hundred bytes each; anything larger is not a signature file. */
    public static final int MAX_BYTES = 16 * 1024;
    /** More keys than any root may list (see {@link Root#MAX_KEYS}). */
    static final int MAX_SIGNATURES = Root.MAX_KEYS;

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    public SignatureSet {
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("need 1 to " + MAX_SIGNATURES + " signatures, got " + signatures.size());
        }
    }

    /** Signs {@code bytes} with every key, in order. */
    public static SignatureSet sign(byte[] bytes, List<PrivateKey> keys) throws GeneralSecurityException {
        List<SignatureFile> out = new ArrayList<>();
        for (PrivateKey k : keys) {
            out.add(new SignatureFile(KeyId.of(Ed25519Keys.publicKeyOf(k)), Ed25519Keys.ALGORITHM, Ed25519Keys.sign(k, bytes)));
        }
        return new SignatureSet(out);
    }

    /** Parses either form; anything malformed is Rejected ("unparsable signature file: ..."). */
    public static SignatureSet parse(byte[] bytes) throws UpdateException.Rejected {
        JsonNode node;
        try {
            node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UpdateException.Rejected("unparsable signature file: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject() || !node.has("signatures")) {
            return new SignatureSet(List.of(SignatureFile.of(node)));
        }
        if (node.size() != 1 || !node.get("signatures").isArray()) {
            throw new UpdateException.Rejected("unparsable signature file: 'signatures' must be the only field, an array");
        }
        ArrayNode list = (ArrayNode) node.get("signatures");
        if (list.isEmpty() || list.size() > MAX_SIGNATURES) {
            throw new UpdateException.Rejected("unparsable signature file: 1 to " + MAX_SIGNATURES
                    + " signatures expected, found " + list.size());
        }
        List<SignatureFile> out = new ArrayList<>();
        for (JsonNode s : list) {
            out.add(SignatureFile.of(s));
        }
        return new SignatureSet(out);
    }

    /** The file's bytes: the single-object form for one signature, the list form otherwise. */
    public byte[] toJson() {
        if (signatures.size() == 1) {
            return signatures.get(0).toJson();
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("signatures");
        for (SignatureFile s : signatures) {
            try {
                list.add(JSON.readTree(s.toJson()));
            } catch (IOException e) {
                throw new IllegalStateException("a signature object always parses", e);
            }
        }
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("serialising a small object node cannot fail", e);
        }
    }

    /** The key ids, in order (a hint for messages; trust comes from {@link Threshold}). */
    public List<String> keyIds() {
        return signatures.stream().map(SignatureFile::keyId).toList();
    }
}
