package dev.rmkit.updater.apply;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmException;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apps.AppRelauncher;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstallLock;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.Swap;
import dev.rmkit.updater.lifecycle.Uninstall;
import dev.rmkit.updater.reboot.RebootFallback;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code updater resume}: finishes an update interrupted by a crash (rolling back or forward by the
 * journal) or one that waited for a reboot (after the boot: verify the staged files, swap, drop the
 * resume registration), and reports. Safe to run at any time; without a journal it does nothing.
 */
public final class Resumer {

    private final UpdaterContext ctx;

    public Resumer(UpdaterContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    public UpdateReport resume(Path installDir) {
        InstallLayout layout = new InstallLayout(installDir);
        ReportBuilder report = new ReportBuilder("resume", layout.installDir(), ctx.clock());
        if (!Files.isDirectory(layout.installDir())) {
            return report.fail(new UpdateException.Usage("no such install directory: " + layout.installDir())).build();
        }
        UpdateReport result;
        try (InstallLock lock = InstallLock.acquire(layout)) {
            try {
                Runs.begin();
                run(layout, report);
                if (report.outcome() == Outcome.UNINSTALLED) {
                    Uninstall.unregisterSchedule(ctx, layout, report); // the interrupted uninstall may not have got to it
                }
            } catch (UpdateException.Interrupted e) {
                Runs.stopped(report, e, "run updater resume again");
            } catch (UpdateException e) {
                report.fail(e);
                unregister(layout, report);
            }
            report.phase("restart");
            restartAppsClosedForReboot(report);
            Runs.noteLateSignal(report);
            result = Reports.saved(layout, report);
        } catch (UpdateException busy) {
            return Reports.finished(layout, report.fail(busy), false);
        }
        if (result.outcome() == Outcome.UNINSTALLED) {
            Swap.removeEmptyDirs(layout); // again now that the lock is closed (Windows deletes its file only then)
        }
        return result;
    }

    private void run(InstallLayout layout, ReportBuilder report) throws UpdateException {
        report.phase("recover");
        Recovery.Result rec = Recovery.recover(layout, ctx.bootId().get(), ctx.system(), ctx.clock());
        if (rec.journal().isEmpty()) {
            report.outcome(Outcome.NOTHING_TO_RESUME, "no unfinished update in " + layout.installDir());
            return;
        }
        Journal j = rec.journal().get();
        report.plan(Reports.planOf(j));
        switch (rec.kind()) {
            case ROLLED_BACK -> report.outcome(Outcome.ROLLED_BACK, "the interrupted " + j.describe().substring(4)
                    + " was rolled back; the install is " + (j.fromVersion().isEmpty() ? "as before" : j.fromVersion()));
            case ROLLED_FORWARD -> {
                Reports.committed(j, report);
                report.outcome(report.outcome(), "the interrupted " + j.describe().substring(4) + " was finished");
            }
            case COMPLETED_AFTER_REBOOT -> {
                Reports.committed(j, report);
                report.outcome(report.outcome(), j.describe() + " finished after the reboot; every staged file was verified");
                if (report.outcome() == Outcome.UPDATED) {
                    j.bootHealthCheck().ifPresent(check -> AfterUpdate.afterBoot(ctx, layout, report, check));
                }
            }
            case PENDING_REBOOT -> {
                report.reboot("required").outcome(Outcome.REBOOT_REQUIRED, j.describe()
                        + " waits for a reboot; this is still the boot it was scheduled in");
                renewRegistration(layout, report);
                return;
            }
            default -> throw new IllegalStateException("unexpected recovery " + rec.kind());
        }
        if (!rec.cleanupProblem().isEmpty()) {
            report.note(rec.cleanupProblem());
        }
        if (Reports.restartsClosedApps(rec.kind(), j)) {
            AppRelauncher.relaunch(j.closedApps(), j.services(), ctx.system().get(), report);
        }
        unregister(layout, report);
    }

    /**
     * Brings back the apps a reboot closed (Linux records them; Windows restarts them itself). The
     * system side starts them only after the boot and once no registered resume is unfinished, so
     * they run the new files; each is started once, whoever asks first.
     */
    private void restartAppsClosedForReboot(ReportBuilder report) {
        try {
            RestartResult r = ctx.system().get().restartAppsAfterReboot();
            for (AppOutcome o : r.apps()) {
                if (o.newProcess().isPresent()) {
                    report.restarted(new AppReport(o.app().name(), o.newProcess().get().pid(), ""));
                } else if (o.reason().isPresent()) {
                    report.restartFailed(new AppReport(o.app().name(), o.app().process().pid(), "after the reboot: "
                            + o.reason().get()));
                } else {
                    report.notRestarted(new AppReport(o.app().name(), o.app().process().pid(), "after the reboot: "
                            + RestartReports.whyNotStarted(o.app())));
                }
            }
        } catch (RmException | RuntimeException e) {
            report.note("could not restart the apps closed for the reboot: " + e.getMessage());
        }
    }

    /** Drops the resume registration once no swap waits for a boot; harmless if there is none. */
    private void unregister(InstallLayout layout, ReportBuilder report) {
        if (Files.exists(layout.journalFile())) {
            return; // still unfinished: the registration must run again after the next boot
        }
        try {
            RebootFallback.unregister(layout, ctx.system().get());
        } catch (RmException | RuntimeException e) {
            report.note("could not remove the resume registration: " + e.getMessage());
        }
    }

    /**
     * The swap still waits for the boot: registers the resume again, in case what ran this resume was
     * used up by it (a RunOnce value at a logon before the reboot).
     */
    private void renewRegistration(InstallLayout layout, ReportBuilder report) {
        try {
            RebootFallback.registerResume(layout, ctx);
        } catch (RmException | RuntimeException e) {
            report.note("could not register updater resume again for the next boot (" + e.getMessage()
                    + "); run updater resume by hand after the reboot");
        }
    }
}
