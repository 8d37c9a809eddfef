package dev.rmkit.updater.apply;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apps.AppRelauncher;
import dev.rmkit.updater.apps.Holders;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.reboot.RebootFallback;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DESIGN steps 5–8: a restart session over the files the swap displaces, the holders closed (or the
 * refusal reported), the swap, and the closed apps restarted whatever the swap's outcome. Downtime
 * is only this part, and it neither downloads nor hashes.
 */
final class ClosingSwap {

    private final UpdaterContext ctx;
    private final ApplyRequest req;
    private final InstallLayout layout;
    private final ReportBuilder report;
    private final Optional<EndNotice> noticeOnRefusal;

    /** @param noticeOnRefusal if an app refuses, the notice of the coming forced end for the cooperating holders */
    ClosingSwap(UpdaterContext ctx, ApplyRequest req, InstallLayout layout, ReportBuilder report,
            Optional<EndNotice> noticeOnRefusal) {
        this.ctx = ctx;
        this.req = req;
        this.layout = layout;
        this.report = report;
        this.noticeOnRefusal = noticeOnRefusal;
    }

    void run(Plan plan, Journal journal) throws UpdateException {
        report.phase("close");
        try (RestartSession session = ctx.platform().get().startSession()) {
            List<Path> files = plan.displacedPaths().stream().map(layout::resolve).filter(Files::isRegularFile).toList();
            session.registerFiles(files);
            AffectedApps listed = session.list();
            Map<ProcessId, AppOwner> owners = Holders.owners(listed, ctx.system().get());
            Holders.Result closing = Holders.close(session, listed, req.force(), req.waitFor(), ctx.waitRetry(),
                    ctx.clock());
            if (closing instanceof Holders.RebootNeeded r) {
                RebootFallback.schedule(layout, journal, r.reason(), req.reboot(), req.force(), ctx, report);
                return;
            }
            if (closing instanceof Holders.Refused r) {
                throw deferred(session, r);
            }
            List<AffectedApp> closed = ((Holders.Closed) closing).apps().stream()
                    .filter(o -> o.reason().isEmpty()).map(AppOutcome::app).toList();
            if (!closed.isEmpty()) {
                report.downSince(((Holders.Closed) closing).downSince());
            }
            closed.forEach(a -> report.closed(new AppReport(a.name(), a.process().pid(), "")));
            if (req.force()) {
                closed.forEach(a -> report.forced(new AppReport(a.name(), a.process().pid(), "")));
            }
            report.phase("swap");
            Journal withApps = journal.withClosedApps(closed.stream().map(a -> Holders.record(a, owners)).toList());
            // Restarted once the update is committed, before its backups are deleted (downtime must not
            // grow with the update's size), or in the finally block if the swap failed.
            boolean[] restarted = {closed.isEmpty()};
            try {
                Applier.commit(layout, withApps, report, ctx, restarted[0] ? Optional.empty() : Optional.of(() -> {
                    restarted[0] = true;
                    restart(session, Optional.of(withApps));
                    report.phase("cleanup");
                }));
            } finally {
                if (!restarted[0]) {
                    restart(session, Optional.of(withApps));
                }
            }
        } catch (RmException e) {
            throw new UpdateException.ApplyFailed("the restart session failed: " + e.getMessage()
                    + "; the install is unchanged unless the report says updated", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException.ApplyFailed("interrupted while closing applications; nothing was changed", e);
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new UpdateException.ApplyFailed("no Restart Manager on this system: " + e.getMessage()
                    + "; nothing was changed", e);
        }
    }

    private UpdateException deferred(RestartSession session, Holders.Refused refused) throws RmException {
        StringBuilder who = new StringBuilder();
        for (AppOutcome o : refused.last().apps()) {
            if (o.reason().isPresent()) {
                report.refused(new AppReport(o.app().name(), o.app().process().pid(), o.reason().get()));
                who.append(who.length() == 0 ? "" : "; ").append(o.app().name()).append(" (pid ")
                        .append(o.app().process().pid()).append("): ").append(o.reason().get());
            }
        }
        if (refused.last().apps().stream().anyMatch(o -> Holders.stopped(o.app()))) {
            restart(session, Optional.empty()); // a forced attempt closed some before one held out: bring them back
        }
        if (noticeOnRefusal.isPresent()) {
            for (AffectedApp a : session.announceEnd(noticeOnRefusal.get())) {
                report.warned(new AppReport(a.name(), a.process().pid(), "closed at " + noticeOnRefusal.get().at()
                        + " even if it refuses"));
            }
        }
        return new UpdateException.Deferred("deferred: an application refused to close - " + who
                + (req.waitFor().isZero() ? "" : " (waited " + req.waitFor() + ")") + "; nothing was changed");
    }

    /** Restarts what the session closed; if the session cannot, starts them from the journal's records. */
    private void restart(RestartSession session, Optional<Journal> journal) {
        report.phase("restart");
        if (!req.restart()) {
            report.note("--no-restart: the closed applications were left closed");
            return;
        }
        try {
            RestartResult r = session.restart(p -> { });
            for (AppOutcome o : r.apps()) {
                if (o.reason().isEmpty()) {
                    report.restarted(new AppReport(o.app().name(), o.newProcess().map(p -> p.pid()).orElse(0L), ""));
                } else {
                    report.refused(new AppReport(o.app().name(), o.app().process().pid(),
                            "not restarted: " + o.reason().get()));
                }
            }
            report.upAgain();
        } catch (RmException e) {
            report.note("the restart session could not restart the apps (" + e.getMessage() + ")");
            journal.ifPresent(j -> AppRelauncher.relaunch(j.closedApps(), ctx.system().get(), report));
            report.upAgain();
        }
    }
}
