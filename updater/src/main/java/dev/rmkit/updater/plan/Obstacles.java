package dev.rmkit.updater.plan;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What stands in the way of a plan on disk, found before anything is staged or any app is asked:
 * a path the plan would write, rename or delete that lies at or behind a symbolic link (or a Windows
 * junction), a file the user put where the release needs a directory, a directory or other non-file
 * where the release has a file. Each is refused with the path named; the swap checks the same again,
 * operation by operation ({@code InstallFiles}), for what changes in between.
 *
 * <p>The updater's own directories in {@code .rmkit/} that a swap writes (staging, backups, kept
 * releases) are checked too: whoever put a link there would have the swap, its cleanup, or the
 * keeping of the previous release write, rename or delete wherever it points.
 *
 * <p>A managed file that becomes a directory in the release is no obstacle: the plan removes it, and
 * the swap creates the directory after that removal.
 */
public final class Obstacles {

    private Obstacles() {}

    /** @throws UpdateException.ApplyFailed naming the first obstacle; nothing was changed */
    public static void check(InstallLayout layout, Plan plan) throws UpdateException {
        Optional<String> why = first(layout, plan);
        if (why.isPresent()) {
            throw new UpdateException.ApplyFailed("refused: " + why.get() + "; nothing was changed", null);
        }
    }

    /**
     * The first obstacle to {@code plan}, if any: on the paths it changes, or in the updater's own
     * directories the swap and its cleanup use ({@code .rmkit/staging}, {@code backup}, {@code releases}),
     * where a link or a file would make them write elsewhere.
     *
     * @throws UpdateException.ApplyFailed if the install cannot be inspected
     */
    public static Optional<String> first(InstallLayout layout, Plan plan) throws UpdateException {
        if (plan.effective().isEmpty()) {
            return Optional.empty(); // nothing will be written
        }
        try {
            for (Path own : List.of(layout.stagingRoot(), layout.backupRoot(), layout.releasesRoot())) {
                Optional<String> why = ownDirectory(layout, own);
                if (why.isPresent()) {
                    return why;
                }
            }
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot inspect " + layout.stateDir() + ": " + e.getMessage(), e);
        }
        Set<String> removed = plan.of(ChangeKind.REMOVE).stream().map(FileChange::path).collect(Collectors.toSet());
        for (FileChange c : plan.effective()) {
            Optional<String> why;
            try {
                why = obstacle(layout, c, removed);
            } catch (IOException e) {
                throw new UpdateException.ApplyFailed("cannot inspect " + c.path() + " in " + layout.installDir() + ": "
                        + e.getMessage(), e);
            }
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ownDirectory(InstallLayout layout, Path dir) throws IOException {
        Optional<BasicFileAttributes> a = InstallFiles.attributes(dir);
        String name = layout.installDir().relativize(dir).toString().replace('\\', '/');
        if (a.isEmpty() || a.get().isDirectory() && !InstallFiles.isLink(a.get())) {
            return Optional.empty();
        }
        return Optional.of(name + (InstallFiles.isLink(a.get()) ? " is a symbolic link; the updater never writes, renames"
                + " or deletes through a link it did not create" : " is not a directory; the updater keeps its own files"
                + " there"));
    }

    private static Optional<String> obstacle(InstallLayout layout, FileChange c, Set<String> removed) throws IOException {
        String[] names = c.path().split("/");
        String rel = "";
        for (int i = 0; i < names.length - 1; i++) {
            rel = rel.isEmpty() ? names[i] : rel + "/" + names[i];
            Optional<BasicFileAttributes> a = InstallFiles.attributes(layout.resolve(rel));
            if (a.isEmpty()) {
                return Optional.empty(); // the swap creates it
            }
            if (InstallFiles.isLink(a.get())) {
                return Optional.of(c.path() + " is reached through " + rel + ", which is a symbolic link; the updater"
                        + " never writes, renames or deletes through a link it did not create");
            }
            if (!a.get().isDirectory()) {
                return removed.contains(rel) ? Optional.empty() // removed first, then the directory is created
                        : Optional.of(rel + " is a file where the release needs a directory (for " + c.path()
                                + "), and not one the updater manages");
            }
        }
        Optional<BasicFileAttributes> a = InstallFiles.attributes(layout.resolve(c.path()));
        if (a.isEmpty()) {
            return Optional.empty();
        }
        if (InstallFiles.isLink(a.get())) {
            return Optional.of(c.path() + " is a symbolic link; the updater never replaces or deletes a link it did"
                    + " not create");
        }
        if (a.get().isDirectory()) {
            return Optional.of(c.path() + " is a directory in " + layout.installDir() + "; the release has a file there");
        }
        if (!a.get().isRegularFile()) {
            return Optional.of(c.path() + " is not a regular file");
        }
        return Optional.empty();
    }
}
