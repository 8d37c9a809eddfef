package dev.rmkit.updater.manifest;

import java.util.List;
import java.util.Objects;

/**
 * One file of a release.
 *
 * @param path relative, normalised, '/'-separated path inside the install (validated by the loader)
 * @param size exact size in bytes
 * @param sha256 lower-case hex SHA-256 of the content
 * @param url where to fetch it, relative to the manifest's location (or absolute http/https)
 * @param executable whether the installed file must be executable (POSIX execute bits; launch
 *     scripts such as {@code bin/burner}); ignored where the file system has no such bits
 * @param patches zstd patches from older contents of this path, each used only on its exact base
 */
public record ManifestFile(String path, long size, String sha256, String url, boolean executable, List<Patch> patches) {
    public ManifestFile {
        patches = List.copyOf(patches);
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(url, "url");
    }

    /** A file without patches. */
    public ManifestFile(String path, long size, String sha256, String url, boolean executable) {
        this(path, size, sha256, url, executable, List.of());
    }

    /** A file that needs no execute permission. */
    public ManifestFile(String path, long size, String sha256, String url) {
        this(path, size, sha256, url, false);
    }

    /** This file with {@code patches} instead of its own. */
    public ManifestFile withPatches(List<Patch> newPatches) {
        return new ManifestFile(path, size, sha256, url, executable, newPatches);
    }
}
