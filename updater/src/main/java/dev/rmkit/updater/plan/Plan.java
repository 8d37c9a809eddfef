package dev.rmkit.updater.plan;

import java.util.List;
import java.util.Objects;

/**
 * What applying a release to an install does, path by path, sorted by path. Paths that are neither
 * managed nor in the release do not appear: they are user data and stay untouched.
 *
 * @param fromVersion the installed version, empty for a fresh install
 * @param toVersion the release's version
 * @param changes every managed or released path, including unchanged ones
 */
public record Plan(String fromVersion, String toVersion, List<FileChange> changes) {
    public Plan {
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        changes = List.copyOf(changes);
    }

    public List<FileChange> of(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The changes that touch the disk: adds, replaces, removes. */
    public List<FileChange> effective() {
        return changes.stream().filter(c -> c.kind() != ChangeKind.UNCHANGED).toList();
    }

    /** The paths whose current file goes away (replaced or removed): the ones whose holders must close. */
    public List<String> displacedPaths() {
        return changes.stream().filter(FileChange::displacesFile).map(FileChange::path).toList();
    }

    /** True when the install already has exactly the release's files. */
    public boolean isEmpty() {
        return effective().isEmpty();
    }
}
