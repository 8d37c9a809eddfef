package dev.rmkit.updater.install;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file the updater installed and therefore manages: it may be replaced or removed by a later
 * update. Files in the install that are not listed are user data and are never touched.
 *
 * @param path manifest-relative, '/'-separated path
 * @param size size in bytes
 * @param sha256 lower-case hex SHA-256
 * @param executable whether the release made it executable; null (absent from the JSON) in records
 *     written before the updater kept it, read it through {@link #knownExecutable()}
 */
public record InstalledFile(String path, long size, String sha256,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean executable) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public InstalledFile {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("not a relative '/'-separated path: " + path);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (!HEX64.matcher(Objects.requireNonNull(sha256, "sha256")).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
    }

    /** A file whose execute permission is not recorded. */
    public InstalledFile(String path, long size, String sha256) {
        this(path, size, sha256, null);
    }

    /** Whether it must be executable, where the record says. */
    public Optional<Boolean> knownExecutable() {
        return Optional.ofNullable(executable);
    }
}
