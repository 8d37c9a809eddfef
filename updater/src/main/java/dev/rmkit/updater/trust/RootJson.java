package dev.rmkit.updater.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.json.Schemas;
import dev.rmkit.updater.json.StrictJson;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A root document's JSON ({@code manifests/root.schema.json}), both ways. Parsing checks what the
 * schema cannot: each key id is the id of its key, no key twice, a threshold the keys can reach.
 */
public final class RootJson {
    /** Root documents are a few kilobytes; the fetch stops reading beyond this. */
    public static final int MAX_BYTES = 64 * 1024;

    private RootJson() {}

    public static Root parse(byte[] bytes) throws UpdateException.Rejected {
        if (bytes.length > MAX_BYTES) {
            throw new UpdateException.Rejected("root is larger than the " + MAX_BYTES + "-byte limit");
        }
        JsonNode n = StrictJson.readTree(bytes, "root");
        var problems = Schemas.ROOT.violations(n);
        if (!problems.isEmpty()) {
            throw new UpdateException.Rejected("schema violation: root: " + String.join("; ", problems));
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (JsonNode k : n.get("keys")) {
            String id = k.get("keyId").asText();
            PublicKey key = Ed25519Keys.publicKey(Base64.getDecoder().decode(k.get("publicKey").asText()))
                    .orElseThrow(() -> new UpdateException.Rejected("schema violation: root: key " + id + " is not an Ed25519 public key"));
            if (!KeyId.of(key).equals(id)) {
                throw new UpdateException.Rejected("schema violation: root: key id " + id + " is not the id of its key ("
                        + KeyId.of(key) + ")");
            }
            if (keys.put(id, key) != null) {
                throw new UpdateException.Rejected("schema violation: root: key " + id + " is listed twice");
            }
        }
        try {
            return new Root(n.get("version").asLong(), n.get("threshold").asInt(), keys);
        } catch (IllegalArgumentException e) {
            throw new UpdateException.Rejected("schema violation: root: " + e.getMessage());
        }
    }

    /** The bytes a publisher signs. A legacy root (version 0) has no document. */
    public static byte[] write(Root root) {
        if (root.isLegacy()) {
            throw new IllegalArgumentException("the legacy root of pinned key files has no document");
        }
        ObjectNode n = StrictJson.object();
        n.put("format", 1);
        n.put("type", "root");
        n.put("version", root.version());
        n.put("threshold", root.threshold());
        ArrayNode keys = n.putArray("keys");
        root.keys().forEach((id, k) -> {
            ObjectNode o = keys.addObject();
            o.put("keyId", id);
            o.put("publicKey", Base64.getEncoder().encodeToString(k.getEncoded()));
        });
        return StrictJson.bytes(n);
    }
}
