package dev.rmkit.updater.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one JSON mapper for the files in {@code .rmkit/} and for reports: pretty-printed, and strict
 * about unknown properties so that a state file written by a newer updater is refused rather than
 * half-understood.
 */
public final class StateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final ObjectMapper LINE = new ObjectMapper();

    private StateJson() {}

    /**
     * {@code value} as one line of JSON, without the newline: what {@code --json} prints and the
     * history stores. Text cannot break the line: JSON escapes every control character.
     */
    public static String line(Object value) {
        try {
            return LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a state file; a file that does not parse is an IOException naming the file. A link in its
     * place is refused, never read through: the updater's state is only what it wrote itself (a link to
     * another file could hand it commands to start or files to remove).
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        if (InstallFiles.attributes(file).filter(InstallFiles::isLink).isPresent()) {
            throw new UnsafePathException("refused: " + file + " is a symbolic link; the updater reads its state only"
                    + " from files it wrote");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readAllBytes();
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException("corrupt state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a state file atomically and durably. */
    public static void write(Path file, Object value) throws IOException {
        Durable.write(file, bytes(value));
    }
}
