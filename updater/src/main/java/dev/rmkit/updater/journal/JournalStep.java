package dev.rmkit.updater.journal;

import dev.rmkit.updater.plan.ChangeKind;
import java.util.Objects;

/**
 * One path of a swap. Forward it is at most two renames: the current file to the backup
 * ({@code displaces}), then the staged file to the target ({@code installs}). Every state between
 * them is recognisable from which of target, backup and staged file exist, which is what makes
 * rollback safe to repeat after a crash at any point.
 *
 * @param path manifest-relative path
 * @param kind ADD, REPLACE or REMOVE
 * @param size size of the file installed (0 for REMOVE)
 * @param sha256 SHA-256 of the file installed (empty for REMOVE)
 */
public record JournalStep(String path, ChangeKind kind, long size, String sha256) {
    public JournalStep {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
        if (kind == ChangeKind.UNCHANGED) {
            throw new IllegalArgumentException("an unchanged path is not a step: " + path);
        }
    }

    /** The staged file is renamed onto the target. */
    public boolean installs() {
        return kind != ChangeKind.REMOVE;
    }

    /** The current file is renamed to the backup. */
    public boolean displaces() {
        return kind != ChangeKind.ADD;
    }
}
