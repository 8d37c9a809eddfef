package dev.rmkit.updater.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
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
 * The JSON Schemas published in {@code manifests/} (the manifest's and the policy's), packaged into
 * the jar by the build so the updater validates against the very files in the repository.
 */
public final class Schemas {

    private Schemas() {}

    /** Loads a draft 2020-12 schema from the class path, with format assertions on. */
    public static JsonSchema load(String resource) {
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

    /**
     * Every violation as "field: problem", the field written the way people write it
     * ({@code windows[0].start}); an unknown property is "name: unknown field". Sorted by field.
     */
    public static List<String> violationsByField(JsonSchema schema, JsonNode document) {
        return sorted(schema, document).map(Schemas::byField).toList();
    }

    private static String byField(ValidationMessage m) {
        JsonNodePath path = m.getInstanceLocation();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object e = path.getElement(i);
            field.append(e instanceof Integer ? "[" + e + "]" : (field.length() == 0 ? "" : ".") + e);
        }
        if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
            return (field.length() == 0 ? "" : field + ".") + m.getProperty() + ": unknown field";
        }
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            return (field.length() == 0 ? "" : field + ".") + m.getProperty() + ": required";
        }
        return (field.length() == 0 ? "(document)" : field) + ": " + m.getError();
    }

    /** Every violation, as the validator words it ("$.files[0].size: ..."), sorted by location; empty if valid. */
    public static List<String> violations(JsonSchema schema, JsonNode document) {
        return sorted(schema, document).map(ValidationMessage::getMessage).toList();
    }

    private static java.util.stream.Stream<ValidationMessage> sorted(JsonSchema schema, JsonNode document) {
        return schema.validate(document).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage));
    }
}
