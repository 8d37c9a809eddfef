package dev.rmkit.updater.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.util.List;

/**
 * The JSON Schema of manifests ({@code manifests/manifest.schema.json}, packaged into the jar so the
 * updater validates against the very file published in the repository).
 */
public final class ManifestSchema {
    /** Classpath location of the schema (copied from manifests/ by the build). */
    public static final String RESOURCE = "/dev/rmkit/updater/manifest/manifest.schema.json";

    private static final JsonSchema SCHEMA = Schemas.load(RESOURCE);

    private ManifestSchema() {}

    /** Every schema violation of {@code document}, as "location: message", sorted; empty if valid. */
    public static List<String> violations(JsonNode document) {
        return Schemas.violations(SCHEMA, document);
    }
}
