package dev.rmkit.updater.apply;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.plan.ChangeKind;
import dev.rmkit.updater.plan.FileChange;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.report.Transfer;
import dev.rmkit.updater.stage.Stager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Step 4: stages the files a plan installs into {@code .rmkit/staging/<version>/}, on the install's
 * volume, before any app is asked to close. Staging of other versions (abandoned earlier attempts)
 * is removed first; staging of this version is kept and re-verified, so a deferred update resumes
 * its downloads next time.
 */
final class Staging {

    private Staging() {}

    /** Stages what the plan installs; a replaced file may be built from a patch against its installed content. */
    static Transfer stage(InstallLayout layout, LoadedManifest loaded, Plan plan, Stager stager, ProgressSink progress)
            throws UpdateException {
        Path mine = layout.stagingDir(plan.toVersion());
        dropOtherVersions(layout, mine);
        try {
            InstallFiles files = layout.files();
            files.createDirectories(mine);
            files.sync();
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot create the staging area " + mine + ": " + e.getMessage()
                    + "; nothing was changed", e);
        }
        Set<String> wanted = plan.effective().stream().filter(FileChange::installsFile).map(FileChange::path)
                .collect(Collectors.toSet());
        List<ManifestFile> files = loaded.manifest().files().stream().filter(f -> wanted.contains(f.path())).toList();
        Map<String, Stager.Base> bases = new HashMap<>();
        for (FileChange c : plan.of(ChangeKind.REPLACE)) {
            bases.put(c.path(), new Stager.Base(layout.resolve(c.path()), c.currentSha256()));
        }
        return stager.stage(loaded, files, mine, progress, bases).transfer();
    }

    private static void dropOtherVersions(InstallLayout layout, Path keep) throws UpdateException {
        if (!Files.isDirectory(layout.stagingRoot())) {
            return;
        }
        InstallFiles files = layout.files();
        try (Stream<Path> dirs = Files.list(layout.stagingRoot())) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!d.equals(keep)) {
                    files.deleteTree(d);
                }
            }
            files.sync();
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot clean the staging area " + layout.stagingRoot() + ": "
                    + e.getMessage() + "; nothing was changed", e);
        }
    }
}
