package dev.rmkit.updater.plan;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes a {@link Plan} by comparing content hashes, never timestamps or versions: a file whose
 * bytes already match is left alone, whatever the installed.json says. Pure; the caller hashes the
 * disk (see {@link InstallScanner}).
 */
public final class Planner {

    private Planner() {}

    /**
     * @param manifest the verified release
     * @param fromVersion the installed version, empty for a fresh install
     * @param present SHA-256 of each relevant path that exists now (a regular file)
     * @param managed paths the updater installed before (from installed.json)
     * @throws UpdateException.Rejected if the release names the updater's own state directory
     */
    public static Plan plan(Manifest manifest, String fromVersion, Map<String, String> present, Set<String> managed)
            throws UpdateException {
        List<FileChange> changes = new ArrayList<>();
        Set<String> released = new TreeSet<>();
        for (ManifestFile f : manifest.files()) {
            refuseStatePath(f.path());
            released.add(f.path());
            String current = present.get(f.path());
            ChangeKind kind = current == null ? ChangeKind.ADD
                    : current.equals(f.sha256()) ? ChangeKind.UNCHANGED : ChangeKind.REPLACE;
            changes.add(new FileChange(f.path(), kind, f.size(), f.sha256(), current == null ? "" : current));
        }
        for (String removal : manifest.removals()) {
            refuseStatePath(removal);
        }
        for (String path : removalCandidates(manifest, managed)) {
            String current = present.get(path);
            if (!released.contains(path) && current != null) {
                changes.add(new FileChange(path, ChangeKind.REMOVE, 0, "", current));
            }
        }
        changes.sort(Comparator.comparing(FileChange::path));
        return new Plan(fromVersion, manifest.version(), changes);
    }

    /** Every path the plan needs hashed: the release's files, its removals and the managed files. */
    public static Set<String> relevantPaths(Manifest manifest, Set<String> managed) {
        Set<String> paths = removalCandidates(manifest, managed);
        manifest.files().forEach(f -> paths.add(f.path()));
        return paths;
    }

    private static Set<String> removalCandidates(Manifest manifest, Set<String> managed) {
        Set<String> paths = new TreeSet<>(managed);
        paths.addAll(manifest.removals());
        return paths;
    }

    private static void refuseStatePath(String path) throws UpdateException {
        String first = path.split("/", 2)[0];
        if (first.toLowerCase(Locale.ROOT).equals(InstallLayout.STATE_DIR_NAME)) {
            throw new UpdateException.Rejected("the manifest names " + path + ", inside the updater's own state directory "
                    + InstallLayout.STATE_DIR_NAME + "/");
        }
    }
}
