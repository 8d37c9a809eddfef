package dev.rmkit.updater.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.json.StrictJson;
import java.time.Instant;

/**
 * The manifest's JSON form, both ways. Reading is strict where lenient parsers have hurt signed
 * formats: UTF-8 only (no BOM), duplicate keys and trailing content refused, so every reader sees
 * the same document the publisher signed (see {@link StrictJson}).
 */
public final class ManifestJson {
    /** The only format this updater understands. */
    public static final int FORMAT = 1;

    private ManifestJson() {}

    /** The JSON tree of manifest bytes; Rejected if they are not one strict UTF-8 JSON document. */
    public static JsonNode readTree(byte[] bytes) throws UpdateException.Rejected {
        return StrictJson.readTree(bytes, "manifest");
    }

    /** The bytes {@code publish} signs: pretty-printed, fields in schema order, UTF-8, final newline. */
    public static byte[] write(Manifest m) {
        ObjectNode root = StrictJson.object();
        root.put("format", FORMAT);
        root.put("product", m.product());
        root.put("channel", m.channel());
        root.put("version", m.version());
        root.put("released", m.released().toString());
        root.put("expires", m.expires().toString());
        root.put("rebootRequired", m.rebootRequired());
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
            if (!f.patches().isEmpty()) {
                ArrayNode patches = n.putArray("patches"); // omitted when empty, for the same reason
                for (Patch p : f.patches()) {
                    ObjectNode pn = patches.addObject();
                    pn.put("baseSha256", p.baseSha256());
                    pn.put("size", p.size());
                    pn.put("sha256", p.sha256());
                    pn.put("url", p.url());
                }
            }
        }
        ArrayNode removals = root.putArray("removals");
        m.removals().forEach(removals::add);
        return StrictJson.bytes(root);
    }

    static Instant instant(JsonNode node) {
        return Instant.parse(node.asText());
    }
}
