package dev.rmkit.updater.apply;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apps.AppRelauncher;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.apps.Holders;
import dev.rmkit.updater.apps.LeftClosed;
import dev.rmkit.updater.apps.Shown;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalStep;
import dev.rmkit.updater.journal.Transaction;
import dev.rmkit.updater.reboot.RebootFallback;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DESIGN steps 5–8, the one path every change to an install's files takes (apply, rollback, uninstall):
 * a restart session over the files the swap displaces, the holders asked and closed (or the refusal
 * reported, or the swap handed to the next boot), the journaled swap, and the closed apps restarted
 * whatever the swap's outcome (see {@link HolderOptions.AfterSwap}). Downtime is only this part, and
 * it neither downloads nor hashes.
 */
public final class ClosingSwap {

    private final UpdaterContext ctx;
    private final HolderOptions holders;
    private final InstallLayout layout;
    private final ReportBuilder report;
    private Optional<EndNotice> noticeOnRefusal = Optional.empty();
    private Optional<Runnable> afterCommit = Optional.empty();
    private ServiceStops stops = ServiceStops.NONE;

    public ClosingSwap(UpdaterContext ctx, HolderOptions holders, InstallLayout layout, ReportBuilder report) {
        this.ctx = ctx;
        this.holders = holders;
        this.layout = layout;
        this.report = report;
    }

    /** If an app refuses: the cooperating holders are told when they will be closed ({@code auto} past its deadline). */
    public ClosingSwap noticeOnRefusal(Optional<EndNotice> notice) {
        this.noticeOnRefusal = notice;
        return this;
    }

    /**
     * Runs {@code action} once the swap is committed and recorded, before its cleanup (so a crash before
     * it is finished by {@code resume}); after the apps are back. Not run if the swap does not commit.
     */
    public ClosingSwap afterCommit(Runnable action) {
        this.afterCommit = Optional.of(action);
        return this;
    }

    /**
     * Runs the swap of a PREPARED journal: with the holders of its displaced files closed, if there are
     * any. The services among them are recorded before they are stopped ({@link ServiceStops}), and the
     * record is withdrawn if the run ends before the swap begins.
     */
    public void run(Journal journal) throws UpdateException {
        try {
            closeAndSwap(journal);
        } finally {
            stops.withdrawUnlessSwapped().ifPresent(report::note);
        }
    }

    private void closeAndSwap(Journal journal) throws UpdateException {
        List<Path> files = journal.steps().stream().filter(JournalStep::displaces).map(s -> layout.resolve(s.path()))
                .filter(Files::isRegularFile).toList();
        if (files.isEmpty()) {
            report.phase("swap");
            commit(journal, Optional.empty());
            return;
        }
        report.phase("close");
        try (RestartSession session = ctx.platform().get().startSession()) {
            session.registerFiles(files);
            AffectedApps listed = session.list();
            Map<ProcessId, AppOwner> owners = Holders.owners(listed, ctx.system().get());
            Map<ProcessId, ServiceUnit> services = Holders.services(listed, ctx.system().get());
            stops = ServiceStops.record(layout, journal, listed, services, holders.after() == HolderOptions.AfterSwap.LEAVE_CLOSED);
            Holders.Result closing = Holders.close(session, listed, holders.force(), holders.waitFor(), ctx.waitRetry(),
                    ctx.clock());
            if (closing instanceof Holders.RebootNeeded r) {
                RebootFallback.schedule(layout, journal, r.reason(), holders.reboot(), holders.force(), ctx, report);
                return;
            }
            if (closing instanceof Holders.Uninspectable u) {
                throw new UpdateException.PermissionDenied(u.reason() + "; nothing was changed", null);
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
            if (holders.force()) {
                closed.forEach(a -> report.forced(new AppReport(a.name(), a.process().pid(), "")));
            }
            report.phase("swap");
            List<ClosedApp> records = closed.stream().map(a -> Holders.record(a, owners, services)).toList();
            Journal withApps = stops.journal(journal, leaveClosed(records) ? List.of() : records);
            // Restarted once the swap is committed, before its backups are dealt with (downtime must not
            // grow with the update's size), or in the finally block if the swap failed.
            boolean[] restarted = {closed.isEmpty()};
            try {
                commit(withApps, restarted[0] ? Optional.empty() : Optional.of(() -> {
                    restarted[0] = true;
                    afterCommit(session, withApps);
                    report.phase("cleanup");
                }));
            } finally {
                if (!restarted[0]) {
                    restart(session, Optional.of(withApps));
                }
            }
        } catch (RmException e) {
            throw new UpdateException.ApplyFailed("the restart session failed: " + e.getMessage()
                    + "; the install is unchanged unless the report says otherwise", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException.ApplyFailed("interrupted while closing applications; nothing was changed", e);
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new UpdateException.ApplyFailed("no Restart Manager on this system: " + e.getMessage()
                    + "; nothing was changed", e);
        }
    }

    /** Commits; {@code appsBack} runs between the commit and the cleanup (see {@link Transaction}). */
    private void commit(Journal journal, Optional<Runnable> appsBack) throws UpdateException {
        stops.swapping();
        Transaction.Committed c;
        // A shutdown that arrives during the swap waits until the commit is recorded (the apps come back after it).
        try (BusyHandle hold = ShutdownHold.during(ctx.system(), "installing " + journal.toVersion() + " in "
                + layout.installDir())) {
            Optional<Runnable> afterIt = appsBack.isEmpty() && afterCommit.isEmpty() ? Optional.empty() : Optional.of(() -> {
                hold.close();
                appsBack.ifPresent(Runnable::run);
                afterCommit.ifPresent(Runnable::run);
            });
            c = Transaction.run(layout, journal, ctx.clock(), afterIt);
        }
        if (!c.clean()) {
            report.note(c.cleanupProblem());
        }
        Reports.committed(journal, report);
    }

    /**
     * With {@code --no-restart} the closed apps are recorded for {@code restart-apps} before anything is
     * swapped, and kept out of the journal, so that neither this run nor a recovery starts them.
     */
    private boolean leaveClosed(List<ClosedApp> records) throws UpdateException {
        if (holders.after() != HolderOptions.AfterSwap.LEAVE_CLOSED) {
            return false;
        }
        try {
            LeftClosed.add(layout, records.stream().filter(ClosedApp::restartable).toList());
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot record the apps left closed in " + layout.appsLeftClosedFile()
                    + ": " + e.getMessage() + "; nothing was swapped", e);
        }
        return true;
    }

    private void afterCommit(RestartSession session, Journal journal) {
        if (holders.after() == HolderOptions.AfterSwap.ONLY_IF_ROLLED_BACK) {
            report.note("the closed applications were not started again: their files are uninstalled");
            report.upAgain();
            return;
        }
        restart(session, Optional.of(journal));
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
            restartNow(session, Optional.empty()); // a forced attempt closed some before one held out: bring them back
        }
        if (noticeOnRefusal.isPresent()) {
            for (AffectedApp a : session.announceEnd(noticeOnRefusal.get())) {
                report.warned(new AppReport(a.name(), a.process().pid(), "closed at " + noticeOnRefusal.get().at()
                        + " even if it refuses"));
            }
        }
        return new UpdateException.Deferred("deferred: an application refused to close - " + who
                + (holders.waitFor().isZero() ? "" : " (waited " + holders.waitFor() + ")") + "; nothing was changed");
    }

    /** Restarts what the session closed; if the session cannot, starts them from the journal's records. */
    private void restart(RestartSession session, Optional<Journal> journal) {
        report.phase("restart");
        if (holders.after() == HolderOptions.AfterSwap.LEAVE_CLOSED) {
            noteLeftClosed();
            return;
        }
        restartNow(session, journal);
    }

    private void restartNow(RestartSession session, Optional<Journal> journal) {
        try {
            RestartResult r = session.restart(p -> { });
            for (AppOutcome o : r.apps()) {
                if (o.reason().isPresent()) {
                    report.restartFailed(new AppReport(o.app().name(), o.app().process().pid(),
                            "not restarted: " + o.reason().get()));
                } else if (o.newProcess().isPresent()) {
                    report.restarted(new AppReport(o.app().name(), o.newProcess().get().pid(), ""));
                }
                // else: closed, with nothing registered to start it again (it is listed as closed)
            }
            report.upAgain();
        } catch (RmException e) {
            report.note("the restart session could not restart the apps (" + e.getMessage() + ")");
            journal.ifPresent(j -> AppRelauncher.relaunch(j.closedApps(), j.services(), ctx.system().get(), report));
            report.upAgain();
        }
    }

    private void noteLeftClosed() {
        report.note("--no-restart: the closed applications were left closed; updater restart-apps --install-dir "
                + layout.installDir() + " starts them again");
        try {
            for (ClosedApp a : LeftClosed.read(layout)) {
                report.note("left closed: " + Shown.argv(List.of(a.name())) + " (pid " + a.pid() + "): "
                        + a.knownService().map(u -> "the service " + Shown.argv(List.of(u.toString())))
                                .orElse(Shown.argv(a.argv()) + " in " + Shown.argv(List.of(a.workingDirectory()))));
            }
        } catch (IOException e) {
            report.note("cannot read " + layout.appsLeftClosedFile() + ": " + e.getMessage());
        }
    }
}
