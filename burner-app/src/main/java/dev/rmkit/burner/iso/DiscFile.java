package dev.rmkit.burner.iso;

import java.time.Instant;
import java.util.Objects;

/**
 * A file in a session's tree.
 *
 * @param name the Joliet (long, Unicode) name
 * @param size length in bytes; under 4 GiB because one ISO 9660 extent holds at most 2^32-1 bytes
 * @param modified modification time, whole seconds
 * @param data where the bytes are
 */
public record DiscFile(String name, long size, Instant modified, FileData data) {

    /** Largest file one extent can hold (the burner does not write multi-extent files). */
    public static final long MAX_SIZE = 0xffffffffL;

    public DiscFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(data, "data");
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size " + size + " outside 0.." + MAX_SIZE);
        }
        modified = Instant.ofEpochSecond(modified.getEpochSecond());
    }
}
