package dev.rmkit.burner.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.Speed;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The state file of {@code burner start}: JSON (documented in docs/burner.md), written atomically
 * (temporary file, fsync, rename, fsync of the directory), so a crash at any moment leaves either the
 * previous state or the new one, never a torn file.
 */
public final class StateStore {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StateStore() {}

    public static void save(Path file, BurnerState s) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(toJson(s));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // directories cannot be opened on Windows; its renames are journaled
        }
    }

    public static BurnerState load(Path file) throws BurnerException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw BurnerException.missingInput("no state file at " + file);
        } catch (IOException e) {
            throw BurnerException.missingInput("cannot read the state file " + file + ": " + e.getMessage());
        }
        try {
            return fromJson(JSON.readTree(text));
        } catch (IOException | RuntimeException e) {
            throw BurnerException.badInput("the state file " + file + " is damaged: " + e.getMessage());
        }
    }

    static ObjectNode toJson(BurnerState s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", VERSION);
        o.put("disc", s.disc().toString());
        o.put("discId", s.discId().map(UUID::toString).orElse(null));
        o.put("inbox", s.inbox().toString());
        o.put("media", s.media().cliName());
        o.put("speed", s.speed().toString());
        ArrayNode q = o.putArray("queue");
        s.queue().forEach(j -> q.add(job(j)));
        if (s.current().isPresent()) {
            o.set("current", job(s.current().get()));
        } else {
            o.putNull("current");
        }
        return o;
    }

    private static ObjectNode job(Job j) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", j.id());
        o.put("label", j.label());
        ArrayNode p = o.putArray("paths");
        j.sources().forEach(s -> p.add(s.toString()));
        ArrayNode r = o.putArray("remove");
        j.removals().forEach(r::add);
        o.put("close", j.close());
        return o;
    }

    static BurnerState fromJson(JsonNode o) {
        if (o.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("unsupported version " + o.path("version"));
        }
        JsonNode id = o.path("discId");
        List<Job> queue = new ArrayList<>();
        for (JsonNode j : required(o, "queue")) {
            queue.add(job(j));
        }
        JsonNode current = o.path("current");
        return new BurnerState(Path.of(required(o, "disc").asText()),
                id.isNull() || id.isMissingNode() ? Optional.empty() : Optional.of(UUID.fromString(id.asText())),
                Path.of(required(o, "inbox").asText()),
                MediaType.parse(required(o, "media").asText()).orElseThrow(() -> new IllegalArgumentException("bad media")),
                Speed.parse(required(o, "speed").asText()), queue,
                current.isNull() || current.isMissingNode() ? Optional.empty() : Optional.of(job(current)));
    }

    private static Job job(JsonNode j) {
        List<Path> paths = new ArrayList<>();
        required(j, "paths").forEach(p -> paths.add(Path.of(p.asText())));
        List<String> removals = new ArrayList<>();
        required(j, "remove").forEach(r -> removals.add(r.asText()));
        return new Job(required(j, "id").asText(), required(j, "label").asText(), paths, removals,
                required(j, "close").asBoolean());
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return n;
    }
}
