package dev.rmkit.burner.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.burner.BurnerException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inbox job format: a file {@code ID.job.json} holding
 * {@code {"label": "Photos", "paths": ["photos", "/abs/file"], "remove": ["/old.txt"], "close": false}}.
 * Relative paths are resolved against the inbox. Every field is optional, but a job must add or remove
 * something. Unknown fields are refused
 * so a typo ({@code "clsoe"}) is not silently ignored.
 */
public final class JobFiles {

    public static final String SUFFIX = ".job.json";
    private static final Set<String> FIELDS = Set.of("label", "paths", "remove", "close");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobFiles() {}

    /** The job id of an inbox file name, or empty when the name is not a job file. */
    public static Optional<String> idOf(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.startsWith(".")) {
            return Optional.empty();
        }
        return Optional.of(fileName.substring(0, fileName.length() - SUFFIX.length()));
    }

    /** Parses a job file's text. */
    public static Job parse(String id, String text, Path inbox) throws BurnerException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw BurnerException.badInput("job " + id + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw BurnerException.badInput("job " + id + ": expected a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw BurnerException.badInput("job " + id + ": unknown field '" + f + "' (expected " + FIELDS + ")");
            }
        }
        String label = text(root, "label", id);
        List<Path> sources = new ArrayList<>();
        for (String p : strings(root, "paths", id)) {
            sources.add(inbox.resolve(p).toAbsolutePath().normalize());
        }
        List<String> removals = strings(root, "remove", id);
        JsonNode close = root.path("close");
        if (!close.isMissingNode() && !close.isBoolean()) {
            throw BurnerException.badInput("job " + id + ": 'close' must be true or false");
        }
        try {
            return new Job(id, label, sources, removals, close.asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw BurnerException.badInput("job " + id + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String field, String id) throws BurnerException {
        JsonNode n = root.path(field);
        if (n.isMissingNode()) {
            return "";
        }
        if (!n.isTextual()) {
            throw BurnerException.badInput("job " + id + ": '" + field + "' must be a string");
        }
        return n.asText();
    }

    private static List<String> strings(JsonNode root, String field, String id) throws BurnerException {
        JsonNode n = root.path(field);
        List<String> out = new ArrayList<>();
        if (n.isMissingNode()) {
            return out;
        }
        if (!n.isArray()) {
            throw BurnerException.badInput("job " + id + ": '" + field + "' must be an array of strings");
        }
        for (JsonNode e : n) {
            if (!e.isTextual() || e.asText().isEmpty()) {
                throw BurnerException.badInput("job " + id + ": '" + field + "' must hold non-empty strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
