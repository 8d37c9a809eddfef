package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.plan.FileChange;
import dev.rmkit.updater.plan.Plan;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Builds the journal of a swap from a plan. */
public final class Journals {

    private Journals() {}

    public static String newTxid() {
        return UUID.randomUUID().toString().substring(0, 13);
    }

    /**
     * A journal in {@code state} for {@code plan}: its steps, and the directories the swap must create
     * (those missing now, parents first) or may leave empty.
     */
    public static Journal of(InstallLayout layout, Plan plan, JournalState state, String txid, String bootId,
            InstalledState after) {
        String staging = layout.stateDir().relativize(layout.stagingDir(plan.toVersion())).toString().replace('\\', '/');
        return of(layout, plan, state, txid, bootId, after, JournalOperation.APPLY, staging);
    }

    /**
     * A journal for {@code op}, staging from {@code stagingDir} (relative to .rmkit/); {@code after} is null
     * for an uninstall.
     */
    public static Journal of(InstallLayout layout, Plan plan, JournalState state, String txid, String bootId,
            InstalledState after, JournalOperation op, String stagingDir) {
        List<JournalStep> steps = new ArrayList<>();
        for (FileChange c : plan.effective()) {
            steps.add(new JournalStep(c.path(), c.kind(), c.size(), c.sha256()));
        }
        Journal j = new Journal(txid, state, plan.fromVersion(), plan.toVersion(), stagingDir, bootId, steps,
                List.of(), List.of(), List.of(), after, op, null, List.of(), null);
        return withCurrentDirs(layout, j);
    }

    /** The journal with its directory lists computed against the install as it is now. */
    public static Journal withCurrentDirs(InstallLayout layout, Journal j) {
        Set<String> created = new LinkedHashSet<>();
        Set<String> prunable = new LinkedHashSet<>();
        for (JournalStep s : j.steps()) {
            List<String> ancestors = ancestors(s.path());
            if (s.installs()) {
                for (String dir : ancestors) {
                    if (!Files.isDirectory(layout.resolve(dir))) {
                        created.add(dir);
                    }
                }
            } else {
                for (int i = ancestors.size() - 1; i >= 0; i--) {
                    prunable.add(ancestors.get(i));
                }
            }
        }
        prunable.removeAll(created);
        List<String> deepestFirst = new ArrayList<>(prunable);
        deepestFirst.sort(Comparator.comparing(String::length).reversed());
        return j.withDirs(List.copyOf(created), deepestFirst);
    }

    /** "a/b/c.txt" → ["a", "a/b"]. */
    static List<String> ancestors(String path) {
        List<String> out = new ArrayList<>();
        int i = path.indexOf('/');
        while (i > 0) {
            out.add(path.substring(0, i));
            i = path.indexOf('/', i + 1);
        }
        return out;
    }
}
