package dev.rmkit.updater.manifest;

import java.util.Objects;

/**
 * A zstd patch that rebuilds a release file from older content of the same path (see {@code
 * delta.PatchFormat}). Applied only when the installed file's SHA-256 is {@code baseSha256}; the
 * result must still match the file's own size and SHA-256, or the whole file is downloaded.
 *
 * @param baseSha256 SHA-256 of the content the patch applies to
 * @param size exact size of the patch in bytes
 * @param sha256 SHA-256 of the patch, checked while it streams in
 * @param url where it is, with the same rules as a file URL
 */
public record Patch(String baseSha256, long size, String sha256, String url) {
    public Patch {
        Objects.requireNonNull(baseSha256, "baseSha256");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(url, "url");
        if (size < 1) {
            throw new IllegalArgumentException("a patch has at least one byte: " + size);
        }
    }
}
