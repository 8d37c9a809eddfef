package dev.rmkit.updater.lifecycle;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.ClosingSwap;
import dev.rmkit.updater.apply.HolderOptions;
import dev.rmkit.updater.apply.Manifests;
import dev.rmkit.updater.apply.Recovery;
import dev.rmkit.updater.apply.Reports;
import dev.rmkit.updater.apply.Runs;
import dev.rmkit.updater.health.HealthChecks;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalOperation;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.Journals;
import dev.rmkit.updater.manifest.ManifestPolicy;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.releases.KeptReleases;
import dev.rmkit.updater.releases.RollbackPlanner;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code updater rollback}: back to the newest kept previous release, through the same path as an
 * update (holders asked and closed, journaled renames from the kept files, apps restarted, recovery by
 * {@code resume}). installed.json then records that the install went back on purpose
 * ({@code rolledBackFrom}), so manifests older than the release it left are still refused. Also what
 * a failed {@code apply --health-check} does.
 */
public final class Rollback {

    private final UpdaterContext ctx;
    private final InstallLayout layout;
    private final ReportBuilder report;

    public Rollback(UpdaterContext ctx, InstallLayout layout, ReportBuilder report) {
        this.ctx = ctx;
        this.layout = layout;
        this.report = report;
    }

    /** The {@code rollback} command. */
    public static UpdateReport run(UpdaterContext ctx, Path installDir, HolderOptions holders) {
        InstallLayout layout = new InstallLayout(installDir);
        ReportBuilder report = new ReportBuilder("rollback", layout.installDir(), ctx.clock());
        Rollback r = new Rollback(ctx, layout, report);
        return Runs.lockedExisting(layout, report, () -> {
            Recovery.Result rec = Recovery.recover(layout, ctx.bootId().get(), ctx.system(), ctx.clock());
            Reports.noteRecovery(rec, ctx.system().get(), report);
            if (rec.kind() == Recovery.Kind.PENDING_REBOOT) {
                throw new UpdateException.Deferred(rec.journal().orElseThrow().describe() + " waits for a reboot;"
                        + " withdraw it with updater cancel (or reboot) before rolling back");
            }
            r.goBack(holders, true);
        });
    }

    /**
     * After an update whose health check failed, under the same lock: back to the release it replaced. The
     * outcome says the update failed and was rolled back, or, if the rollback could not be done, that the
     * new release is installed and unhealthy.
     */
    public void afterFailedHealthCheck(HolderOptions holders, HealthChecks.Result health) {
        String to;
        try {
            to = goBack(holders, false);
        } catch (UpdateException e) {
            report.outcome(Outcome.UNHEALTHY, health.summary() + "; the automatic rollback did not happen ("
                    + e.getMessage() + "); the update stays installed and the previous release stays kept:"
                    + " updater rollback goes back to it");
            return;
        }
        if (report.outcome() == Outcome.REVERTED) {
            report.outcome(Outcome.ROLLED_BACK, health.summary() + "; rolled back to " + to + ", the install is as before");
        } else if (report.outcome() == Outcome.REBOOT_REQUIRED || report.outcome() == Outcome.REBOOT_INITIATED) {
            report.outcome(report.outcome(), health.summary() + "; the rollback to " + to + " finishes at the next boot");
        }
    }

    /** Plans and runs the rollback to the newest kept release; returns its version. */
    private String goBack(HolderOptions holders, boolean ownReport) throws UpdateException {
        InstalledState installed = Manifests.installed(layout).orElseThrow(() -> new UpdateException.Usage(
                "nothing installed by the updater in " + layout.installDir()));
        KeptReleases.Kept kept;
        try {
            kept = KeptReleases.newest(layout).orElseThrow(() -> new UpdateException.Usage("no previous release is kept in "
                    + layout.installDir() + " (an update keeps the one it replaces; --keep-releases 0 keeps none)"));
        } catch (IOException e) {
            throw UpdateException.stateUnreadable("the kept releases", e);
        }
        Plan plan = RollbackPlanner.plan(layout, installed, kept);
        if (ownReport) {
            report.plan(plan);
        }
        InstalledState target = kept.record().release();
        InstalledState after = target.withInstalledAt("")
                .withRolledBackFrom(ManifestPolicy.rolledBackFrom(Manifests.policyView(installed), target.version()));
        Journal journal = Journals.of(layout, plan, JournalState.PREPARED, Journals.newTxid(), ctx.bootId().get(), after,
                JournalOperation.ROLLBACK, kept.stagingDir());
        new ClosingSwap(ctx, holders, layout, report).run(journal);
        return target.version();
    }
}
