package dev.rmkit.rm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file operation scheduled for the next boot: move {@code source} over {@code target}, or delete
 * {@code source} when there is no target (MoveFileEx with MOVEFILE_DELAY_UNTIL_REBOOT).
 */
public record PendingReplacement(Path source, Optional<Path> target) {
    public PendingReplacement {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
