package dev.rmkit.updater.plan;

import java.util.Objects;

/**
 * One path of the plan.
 *
 * @param path manifest-relative, '/'-separated path
 * @param kind what happens to it
 * @param size size of the release's file (0 for {@link ChangeKind#REMOVE})
 * @param sha256 SHA-256 of the release's file, empty for {@link ChangeKind#REMOVE}
 * @param currentSha256 SHA-256 of what is there now, empty for {@link ChangeKind#ADD}
 */
public record FileChange(String path, ChangeKind kind, long size, String sha256, String currentSha256) {
    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(currentSha256, "currentSha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }

    /** True for a change that puts a staged file in place (add or replace). */
    public boolean installsFile() {
        return kind == ChangeKind.ADD || kind == ChangeKind.REPLACE;
    }

    /** True for a change that moves an existing file out of the way (replace or remove). */
    public boolean displacesFile() {
        return kind == ChangeKind.REPLACE || kind == ChangeKind.REMOVE;
    }
}
