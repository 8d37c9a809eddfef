package dev.rmkit.updater.lifecycle;

import dev.rmkit.rm.RmException;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.ClosingSwap;
import dev.rmkit.updater.apply.HolderOptions;
import dev.rmkit.updater.apply.Manifests;
import dev.rmkit.updater.apply.Recovery;
import dev.rmkit.updater.apply.Reports;
import dev.rmkit.updater.apply.Runs;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledFile;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalOperation;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.Journals;
import dev.rmkit.updater.journal.Swap;
import dev.rmkit.updater.plan.ChangeKind;
import dev.rmkit.updater.plan.FileChange;
import dev.rmkit.updater.plan.InstallScanner;
import dev.rmkit.updater.plan.Obstacles;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.reboot.RebootFallback;
import dev.rmkit.updater.reboot.RebootMode;
import dev.rmkit.updater.schedule.Registration;
import dev.rmkit.updater.schedule.Scheduling;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import dev.rmkit.updater.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code updater uninstall}: removes every file the updater installed, through the same path as an
 * update (holders asked, a refusal respected unless {@code --force}; a journaled swap whose steps are
 * all removals, recovered by {@code resume} after a crash: undone before its commit, finished after),
 * then the install's state in {@code .rmkit/}, its resume registration and its {@code updater auto}
 * schedule (with the code of {@code schedule remove}, after the commit and before the state goes, so a
 * crash between is finished by {@code resume}). A managed file that changed
 * since it was installed, and every file the updater did not install, stay where they are and are
 * listed; {@code .rmkit/} and the install directory go only if nothing is left in them.
 */
public final class Uninstall {

    private Uninstall() {}

    public static UpdateReport run(UpdaterContext ctx, Path installDir, Duration waitFor, boolean force) {
        InstallLayout layout = new InstallLayout(installDir);
        ReportBuilder report = new ReportBuilder("uninstall", layout.installDir(), ctx.clock());
        HolderOptions holders = new HolderOptions(waitFor, force, RebootMode.NEVER,
                HolderOptions.AfterSwap.ONLY_IF_ROLLED_BACK);
        UpdateReport r = Runs.lockedExisting(layout, report, () -> uninstall(ctx, layout, holders, report));
        if (r.outcome() == Outcome.UNINSTALLED) {
            Swap.removeEmptyDirs(layout); // again now that the lock is closed (Windows deletes its file only then)
        }
        return r;
    }

    private static void uninstall(UpdaterContext ctx, InstallLayout layout, HolderOptions holders, ReportBuilder report)
            throws UpdateException {
        Recovery.Result rec = Recovery.recover(layout, ctx.bootId().get(), ctx.system(), ctx.clock());
        Reports.noteRecovery(rec, ctx.system().get(), report);
        if (rec.kind() == Recovery.Kind.PENDING_REBOOT) {
            Journal pending = rec.journal().orElseThrow();
            RebootFallback.withdraw(layout, pending, ctx.system().get());
            report.note(pending.describe() + " that waited for a reboot was withdrawn first");
        }
        Optional<InstalledState> installed = Manifests.installed(layout);
        try {
            RebootFallback.unregister(layout, ctx.system().get());
        } catch (RmException | RuntimeException e) {
            report.note("could not remove the resume registration: " + e.getMessage());
        }
        if (installed.isEmpty()) {
            unregisterSchedule(ctx, layout, report);
            removeStateOnly(layout, report);
            return;
        }
        Plan plan = plan(layout, installed.get(), report);
        report.plan(plan);
        Journal journal = Journals.of(layout, plan, JournalState.PREPARED, Journals.newTxid(), ctx.bootId().get(), null,
                JournalOperation.UNINSTALL, layout.stateDir().relativize(layout.stagingRoot()).toString());
        new ClosingSwap(ctx, holders, layout, report).afterCommit(() -> unregisterSchedule(ctx, layout, report)).run(journal);
        if (report.outcome() == Outcome.UNINSTALLED) {
            listLeft(layout, report);
        }
    }

    /**
     * Removes the install's {@code updater auto} registration from this user's scheduler (what {@code
     * schedule remove} does) and reports it. A failure is reported, not fatal: the files are gone already.
     */
    public static void unregisterSchedule(UpdaterContext ctx, InstallLayout layout, ReportBuilder report) {
        try {
            Registration r = Scheduling.unregister(layout, ctx.scheduler().get());
            r.lines().forEach(l -> report.note("schedule: " + l));
            r.warnings().forEach(w -> report.note("schedule: warning: " + w));
        } catch (UpdateException | RuntimeException e) {
            report.note("schedule: could not remove " + Scheduling.name(layout) + " (" + e.getMessage()
                    + "); remove it with updater schedule remove --install-dir " + layout.installDir());
        }
    }

    /**
     * Every managed file still as installed is removed; one that changed since stays (and is listed), and
     * so does one that is, or lies behind, a symbolic link: what the link reaches is not the install's.
     */
    private static Plan plan(InstallLayout layout, InstalledState installed, ReportBuilder report) throws UpdateException {
        Map<String, String> present = InstallScanner.hashPresent(layout,
                installed.files().stream().map(InstalledFile::path).toList());
        InstallFiles files = layout.files();
        List<FileChange> changes = new ArrayList<>();
        for (InstalledFile f : installed.files()) {
            String current = present.get(f.path());
            Optional<String> link = linkOnPath(files, layout, f.path());
            if (current != null && link.isPresent()) {
                report.note(f.path() + (link.get().equals(f.path()) ? " is a symbolic link" : " is reached through "
                        + link.get() + ", a symbolic link") + ": it stays, and so does what the link points to");
            } else if (f.sha256().equals(current)) {
                changes.add(new FileChange(f.path(), ChangeKind.REMOVE, 0, "", current));
            } else if (current != null) {
                report.note(f.path() + " changed since it was installed: it stays");
            }
        }
        Plan plan = new Plan(installed.version(), "", changes);
        Obstacles.check(layout, plan);
        return plan;
    }

    private static Optional<String> linkOnPath(InstallFiles files, InstallLayout layout, String path) throws UpdateException {
        try {
            return files.linkOnPath(layout.resolve(path));
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot inspect " + path + " in " + layout.installDir() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void removeStateOnly(InstallLayout layout, ReportBuilder report) throws UpdateException {
        try {
            Swap.removeState(layout);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot remove the updater's state " + layout.stateDir() + ": "
                    + e.getMessage(), e);
        }
        report.outcome(Outcome.UNINSTALLED, "nothing was installed by the updater in " + layout.installDir()
                + "; its state was removed");
        listLeft(layout, report);
    }

    /** The files still in the install: the ones the updater did not install, or that changed. */
    private static void listLeft(InstallLayout layout, ReportBuilder report) {
        if (!Files.isDirectory(layout.installDir())) { // gone; or the caller's link to it, followed
            return;
        }
        try {
            Verifier.unexpected(layout, Set.of()).forEach(report::leftInPlace);
            if (Files.isDirectory(layout.stateDir(), LinkOption.NOFOLLOW_LINKS)) {
                try (var s = Files.list(layout.stateDir())) {
                    List<String> others = s.map(p -> layout.installDir().relativize(p).toString().replace('\\', '/'))
                            .filter(p -> !p.equals(".rmkit/lock")).collect(Collectors.toList());
                    others.forEach(report::leftInPlace);
                }
            }
        } catch (IOException e) {
            report.note("could not list what was left in " + layout.installDir() + ": " + e.getMessage());
        }
    }
}
