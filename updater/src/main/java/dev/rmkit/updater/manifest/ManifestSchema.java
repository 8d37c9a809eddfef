package dev.rmkit.updater.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON Schema of manifests ({@code manifests/manifest.schema.json}, packaged into the jar so the
 * updater validates against the very file published in the repository).
 */
public final class ManifestSchema {
    /** Classpath location of the schema (copied from manifests/ by the build). */
    public static final String RESOURCE = "/dev/rmkit/updater/manifest/manifest.schema.json";

    private static final JsonSchema SCHEMA = load();

    private ManifestSchema() {}

    /** Every schema violation of {@code document}, as "location: message", sorted; empty if valid. */
    public static List<String> violations(JsonNode document) {
        return SCHEMA.validate(document).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage)
                .toList();
    }

    private static JsonSchema load() {
        try (InputStream in = ManifestSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the updater jar lacks " + RESOURCE);
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
