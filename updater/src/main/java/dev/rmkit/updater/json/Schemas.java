package dev.rmkit.updater.json;

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
 * The JSON Schemas of the signed documents, packaged from {@code manifests/} into the jar so the
 * updater validates against the very files published in the repository.
 */
public enum Schemas {
    /** {@code manifests/manifest.schema.json}. */
    MANIFEST("manifest.schema.json"),
    /** {@code manifests/index.schema.json}: a feed's release index. */
    INDEX("index.schema.json"),
    /** {@code manifests/root.schema.json}: a root of trust. */
    ROOT("root.schema.json");

    /** Classpath directory of the schemas (copied from manifests/ by the build). */
    public static final String DIRECTORY = "/dev/rmkit/updater/manifest/";

    private final String file;
    private volatile JsonSchema schema;

    Schemas(String file) {
        this.file = file;
    }

    public String resource() {
        return DIRECTORY + file;
    }

    /** Every violation of {@code document}, sorted by location then message; empty if valid. */
    public List<String> violations(JsonNode document) {
        return schema().validate(document).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage)
                .toList();
    }

    private JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            s = load(resource());
            schema = s;
        }
        return s;
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the updater jar lacks " + resource);
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
