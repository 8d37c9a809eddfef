package dev.rmkit.updater.journal;

import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledFile;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.plan.InstallScanner;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.plan.Planner;
import dev.rmkit.updater.testing.Releases;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An install holding {@code oldFiles} with the release {@code newFiles} staged, and its prepared journal. */
record SwapFixture(InstallLayout layout, Plan plan, Journal journal) {

    static SwapFixture create(Path install, Map<String, String> oldFiles, Map<String, String> newFiles,
            Set<String> managed, List<String> removals) throws Exception {
        InstallLayout layout = new InstallLayout(install);
        Trees.write(install, oldFiles);
        Manifest m = Releases.manifest("2.0", newFiles, removals, false);
        Set<String> relevant = Planner.relevantPaths(m, managed);
        Plan plan = Planner.plan(m, "1.0", InstallScanner.hashPresent(layout, relevant), new HashSet<>(managed));
        Map<String, String> staged = new java.util.TreeMap<>();
        plan.effective().stream().filter(c -> c.installsFile()).forEach(c -> staged.put(c.path(), newFiles.get(c.path())));
        Trees.write(layout.stagingDir("2.0"), staged);
        InstalledState after = new InstalledState("rmkit-burner", "stable", "2.0",
                m.files().stream().map(f -> new InstalledFile(f.path(), f.size(), f.sha256())).toList(), "k1", "");
        Journal j = Journals.of(layout, plan, JournalState.PREPARED, Journals.newTxid(), "boot-1", after);
        return new SwapFixture(layout, plan, j);
    }

    /** {@link SwapTest}'s release swapped in {@code install}. */
    static SwapFixture standard(Path install) throws Exception {
        return create(install, SwapTest.OLD, SwapTest.NEW, SwapTest.MANAGED, List.of());
    }

    /** The prepared journal with one closed app to start again. */
    Journal journalWithApp() {
        return journal.withClosedApps(List.of(new ClosedApp("app", 42, List.of("/bin/app"), "/")));
    }
}
