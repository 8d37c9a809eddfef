package dev.rmkit.updater.schedule;

import java.util.List;
import java.util.Objects;

/**
 * What a scheduler did or found: the lines to show, and warnings (a step that did not work, while the
 * registration itself is in place).
 *
 * @param registered whether the registration exists now
 * @param lines what was done or found, for people
 * @param warnings problems that did not stop it
 */
public record Registration(boolean registered, List<String> lines, List<String> warnings) {
    public Registration {
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(lines, "lines");
    }
}
