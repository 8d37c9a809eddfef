package dev.rmkit.updater.fetch;

import java.util.Objects;

/**
 * What a download must produce: exactly {@code size} bytes whose SHA-256 is {@code sha256}.
 *
 * @param name names the content in messages (the manifest path)
 * @param size exact size in bytes
 * @param sha256 lower-case hex SHA-256
 */
public record Expected(String name, long size, String sha256) {
    public Expected {
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex characters: " + sha256);
        }
    }
}
