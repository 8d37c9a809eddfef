package dev.rmkit.updater.releases;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledFile;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.plan.ChangeKind;
import dev.rmkit.updater.plan.FileChange;
import dev.rmkit.updater.plan.InstallScanner;
import dev.rmkit.updater.plan.Obstacles;
import dev.rmkit.updater.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The plan of going back from what is installed to the newest kept release: by content hash, like an
 * update's plan. A file of the kept release that the install already has byte for byte stays; any
 * other must be in the kept release's files with exactly the recorded SHA-256 (checked here, before
 * any app is asked to close); a managed file the kept release does not have is removed. A path the
 * kept release needs that holds a file the updater did not install is never moved away: the rollback
 * is refused instead.
 */
public final class RollbackPlanner {

    private RollbackPlanner() {}

    /** @throws UpdateException.ApplyFailed if the kept release cannot be gone back to; nothing changed */
    public static Plan plan(InstallLayout layout, InstalledState installed, KeptReleases.Kept kept) throws UpdateException {
        InstalledState target = kept.record().release();
        if (!kept.record().replacedBy().equals(installed.version())) {
            throw refused(target, "it was replaced by " + kept.record().replacedBy() + ", but " + installed.version()
                    + " is installed");
        }
        Set<String> managed = installed.files().stream().map(InstalledFile::path).collect(Collectors.toSet());
        Set<String> paths = new TreeSet<>(managed);
        target.files().forEach(f -> paths.add(f.path()));
        Map<String, String> present = InstallScanner.hashPresent(layout, paths);
        Path files = KeptReleases.filesDir(layout, kept.txid());
        List<FileChange> changes = new ArrayList<>();
        for (InstalledFile f : target.files()) {
            String current = present.get(f.path());
            if (f.sha256().equals(current)) {
                changes.add(new FileChange(f.path(), ChangeKind.UNCHANGED, f.size(), f.sha256(), current));
                continue;
            }
            checkKept(layout, files.resolve(f.path()), f, target);
            if (current != null && !managed.contains(f.path())) {
                throw refused(target, f.path() + " is in the install but was not installed by the updater; move it away"
                        + " first");
            }
            changes.add(new FileChange(f.path(), current == null ? ChangeKind.ADD : ChangeKind.REPLACE, f.size(),
                    f.sha256(), current == null ? "" : current));
        }
        Set<String> kept1 = target.files().stream().map(InstalledFile::path).collect(Collectors.toSet());
        for (String p : managed) {
            if (!kept1.contains(p) && present.containsKey(p)) {
                changes.add(new FileChange(p, ChangeKind.REMOVE, 0, "", present.get(p)));
            }
        }
        changes.sort(Comparator.comparing(FileChange::path));
        Plan plan = new Plan(installed.version(), target.version(), changes);
        Optional<String> obstacle = Obstacles.first(layout, plan);
        if (obstacle.isPresent()) {
            throw refused(target, obstacle.get());
        }
        return plan;
    }

    /** The kept file is there, reached without any link, with the recorded SHA-256. */
    private static void checkKept(InstallLayout layout, Path file, InstalledFile f, InstalledState target)
            throws UpdateException {
        String actual;
        try {
            Optional<String> link = layout.files().linkOnPath(file);
            if (link.isPresent()) {
                throw refused(target, "the kept release's " + f.path() + " is reached through " + link.get() + ", which is a"
                        + " symbolic link; the updater never renames a file through a link it did not create");
            }
            actual = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Sha256.hex(file) : "(missing)";
        } catch (IOException e) {
            actual = "(unreadable: " + e.getMessage() + ")";
        }
        if (!actual.equals(f.sha256())) {
            throw refused(target, "neither the install nor the kept release has " + f.path() + " as it was (expected"
                    + " SHA-256 " + f.sha256() + ", kept: " + actual + ")");
        }
    }

    private static UpdateException refused(InstalledState target, String why) {
        return new UpdateException.ApplyFailed("cannot roll back to " + target.version() + ": " + why
                + "; nothing was changed", null);
    }
}
