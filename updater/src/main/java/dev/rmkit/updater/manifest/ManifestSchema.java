package dev.rmkit.updater.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.json.Schemas;
import java.util.List;

/**
 * The JSON Schema of manifests ({@code manifests/manifest.schema.json}, packaged into the jar so the
 * updater validates against the very file published in the repository).
 */
public final class ManifestSchema {
    /** Classpath location of the schema (copied from manifests/ by the build). */
    public static final String RESOURCE = Schemas.MANIFEST.resource();

    private ManifestSchema() {}

    /** Every schema violation of {@code document}, as "location: message", sorted; empty if valid. */
    public static List<String> violations(JsonNode document) {
        return Schemas.MANIFEST.violations(document);
    }
}
