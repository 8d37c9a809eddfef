package dev.rmkit.updater.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.json.Schemas;
import dev.rmkit.updater.json.StrictJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The release index's JSON ({@code manifests/index.schema.json}), both ways. Beyond the schema: each
 * entry's manifest path is the one its channel and version give (so two entries cannot share a
 * manifest), no release twice, and {@code expires} after {@code published}.
 */
public final class IndexJson {
    /** About 5,000 releases; the fetch stops reading beyond it. */
    public static final int MAX_BYTES = 1024 * 1024;

    private IndexJson() {}

    public static ReleaseIndex parse(byte[] bytes) throws UpdateException.Rejected {
        if (bytes.length > MAX_BYTES) {
            throw new UpdateException.Rejected("index is larger than the " + MAX_BYTES + "-byte limit");
        }
        JsonNode n = StrictJson.readTree(bytes, "index");
        List<String> problems = Schemas.INDEX.violations(n);
        if (!problems.isEmpty()) {
            throw new UpdateException.Rejected("schema violation: index: " + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
        try {
            List<IndexEntry> entries = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode e : n.get("releases")) {
                IndexEntry entry = new IndexEntry(e.get("version").asText(), e.get("channel").asText(),
                        Instant.parse(e.get("released").asText()), e.get("manifest").asText(), e.get("size").asLong(),
                        e.get("sha256").asText());
                if (!entry.manifest().equals(FeedLayout.releaseManifest(entry.channel(), entry.version()))) {
                    throw new UpdateException.Rejected("schema violation: index: release " + entry.channel() + "/" + entry.version()
                            + " names the manifest " + entry.manifest());
                }
                if (!seen.add(entry.manifest())) {
                    throw new UpdateException.Rejected("schema violation: index: release " + entry.channel() + "/"
                            + entry.version() + " is listed twice");
                }
                entries.add(entry);
            }
            Instant published = Instant.parse(n.get("published").asText());
            Instant expires = Instant.parse(n.get("expires").asText());
            if (!expires.isAfter(published)) {
                throw new UpdateException.Rejected("schema violation: index: expires " + expires + " is not after published " + published);
            }
            return new ReleaseIndex(n.get("product").asText(), n.get("version").asLong(), published, expires, entries);
        } catch (DateTimeParseException e) {
            throw new UpdateException.Rejected("schema violation: index: " + e.getMessage());
        }
    }

    /** The bytes publish signs. */
    public static byte[] write(ReleaseIndex index) {
        ObjectNode n = StrictJson.object();
        n.put("format", 1);
        n.put("type", "index");
        n.put("product", index.product());
        n.put("version", index.version());
        n.put("published", index.published().toString());
        n.put("expires", index.expires().toString());
        ArrayNode list = n.putArray("releases");
        for (IndexEntry e : index.releases()) {
            ObjectNode o = list.addObject();
            o.put("version", e.version());
            o.put("channel", e.channel());
            o.put("released", e.released().toString());
            o.put("manifest", e.manifest());
            o.put("size", e.size());
            o.put("sha256", e.sha256());
        }
        return StrictJson.bytes(n);
    }
}
