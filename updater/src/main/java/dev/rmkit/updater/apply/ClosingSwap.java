package dev.rmkit.updater.apply;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.Boost;
import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.RmPlatform;
import dev.rmkit.updater.Interruption;
import dev.rmkit.updater.Preload;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apps.AppRelauncher;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.apps.Holders;
import dev.rmkit.updater.apps.LeftClosed;
import dev.rmkit.updater.apps.Shown;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalDrafts;
import dev.rmkit.updater.journal.Rehearsal;
import dev.rmkit.updater.journal.JournalStep;
import dev.rmkit.updater.journal.Transaction;
import dev.rmkit.updater.reboot.RebootFallback;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * DESIGN steps 5–8, the one path every change to an install's files takes (apply, rollback, uninstall):
 * a restart session over the files the swap displaces, the holders asked and closed (or the refusal
 * reported, or the swap handed to the next boot), the journaled swap, and the closed apps restarted
 * whatever the swap's outcome (see {@link HolderOptions.AfterSwap}). Downtime is only this part, and
 * it neither downloads nor hashes.
 */
public final class ClosingSwap {

    /**
     * The classes the code between the apps' exit and their restart needs, loaded and initialised with this
     * class, long before any app is asked to close. Read from the jar while the apps are down, each cost
     * downtime; that code has no lambdas either (a lambda's first run bootstraps a class) and, apart from
     * the journal, no first runs: the journal's are rehearsed ({@link Rehearsal}). docs/performance.md.
     */
    private static final List<Class<?>> AFTER_CLOSE = List.of(AppsBack.class, AfterIt.class, EarlySwap.class,
            AppReport.class, Holders.class, Transaction.Begun.class);

    static {
        Preload.classes(AFTER_CLOSE);
    }

    private final UpdaterContext ctx;
    private final HolderOptions holders;
    private final InstallLayout layout;
    private final ReportBuilder report;
    private Optional<EndNotice> noticeOnRefusal = Optional.empty();
    /** What the live line says when the platform decides the close timeout (Linux' default). */
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private Optional<Runnable> afterCommit = Optional.empty();
    private ServiceStops stops = ServiceStops.NONE;
    private JournalDrafts drafts;
    /**
     * The journal drafted before the close, naming every listed app as closed, and the listed apps it was
     * made from: when every one of them closed, unchanged, the swap uses that journal as it is, so that no
     * record is built, hashed or compared between the apps' exit and their restart.
     */
    private Optional<Drafted> drafted = Optional.empty();

    private record Drafted(List<AffectedApp> apps, Journal journal) {}

    public ClosingSwap(UpdaterContext ctx, HolderOptions holders, InstallLayout layout, ReportBuilder report) {
        this.ctx = ctx;
        this.holders = holders;
        this.layout = layout;
        this.report = report;
        this.drafts = JournalDrafts.none(layout);
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
            withdrawEarlyJournal(journal); // an error before the swap (nothing once it began)
            drafts.discard();
            stops.withdrawUnlessSwapped().ifPresent(report::note);
        }
    }

    private void closeAndSwap(Journal journal) throws UpdateException {
        List<Path> files = journal.steps().stream().filter(JournalStep::displaces).map(s -> layout.resolve(s.path()))
                .filter(Files::isRegularFile).toList();
        if (files.isEmpty()) {
            report.phase("swap");
            try (BusyHandle hold = hold(journal)) {
                commit(journal, Optional.empty(), hold, Boost.none(), new EarlySwap(Optional.empty()));
            }
            return;
        }
        report.phase("close");
        RmPlatform platform = ctx.platform().get();
        try (RestartSession session = holders.closeTimeout().map(platform::withCloseTimeout).orElse(platform)
                .startSession()) {
            session.registerFiles(files);
            AffectedApps listed = session.list();
            Map<ProcessId, AppOwner> owners = Holders.owners(listed, ctx.system().get());
            Map<ProcessId, ServiceUnit> services = Holders.services(listed, ctx.system().get());
            stops = ServiceStops.record(layout, journal, listed, services, holders.after() == HolderOptions.AfterSwap.LEAVE_CLOSED);
            if (!listed.apps().isEmpty()) {
                // With no holder nothing is down during the swap: the rehearsal and drafts would only cost fsyncs.
                draftJournals(journal, listed.apps(), listed.apps().stream().map(a -> Holders.record(a, owners, services)).toList());
            }
            // The shutdown hold is taken before the apps are asked, not once they are gone: where it starts
            // systemd-inhibit (a process and a D-Bus round trip, 40-70 ms) that is not downtime. It is a
            // delay lock, so a shutdown meanwhile waits at most logind's InhibitDelayMaxSec; every path
            // that does not swap drops it first. The boost (real-time scheduling where allowed) is taken then
            // too, and dropped once the apps are started again: see SystemControl.boostThisThread.
            try (BusyHandle hold = hold(journal); Boost ahead = ctx.system().get().boostThisThread()) {
                closeAndSwap(session, listed, journal, owners, services, hold, ahead, new EarlySwap(Optional.of(session)));
            }
        } catch (RmException e) {
            throw new UpdateException.ApplyFailed("the restart session failed: " + e.getMessage()
                    + "; the install is unchanged unless the report says otherwise", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException.ApplyFailed("interrupted while closing applications; the install is unchanged", e);
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new UpdateException.ApplyFailed("no Restart Manager on this system: " + e.getMessage()
                    + "; nothing was changed", e);
        }
    }

    private void closeAndSwap(RestartSession session, AffectedApps listed, Journal journal,
            Map<ProcessId, AppOwner> owners, Map<ProcessId, ServiceUnit> services, BusyHandle hold, Boost ahead,
            EarlySwap early) throws RmException, InterruptedException, UpdateException {
        Holders.Result closing = closeInterruptibly(session, listed, journal, early);
        // From here to the restart the apps are down: plain loops, no lambdas (a lambda's first run costs a
        // bootstrap), and the other outcomes' classes are not even loaded when all closed.
        for (Holders.Stopped s : closing.stopped()) {
            report.closed(new AppReport(s.app().name(), s.app().process().pid(),
                    s.overridden().isEmpty() ? "" : "refused (" + s.overridden() + "), closed by --force"));
        }
        if (!(closing instanceof Holders.Closed)) {
            ahead.close();
            hold.close();
            withdrawEarlyJournal(journal); // before any app that did close is started again
            notClosed(session, journal, closing);
            return;
        }
        List<AffectedApp> closed = new ArrayList<>();
        for (Holders.Stopped s : closing.stopped()) {
            closed.add(s.app());
            if (holders.force()) {
                // A forced close: each app it closed, with the refusal it overrode (if it had refused).
                report.forced(new AppReport(s.app().name(), s.app().process().pid(), s.overridden()));
            }
        }
        if (!closed.isEmpty()) {
            report.downSince(((Holders.Closed) closing).downSince());
        }
        report.phase("swap");
        Journal withApps;
        AppsBack back;
        if (early.began()) {
            withApps = drafted.get().journal(); // swapped (or rolled back) by EarlySwap already
            back = early.back;
        } else if (drafted.isPresent() && sameApps(closed, drafted.get().apps())) {
            withApps = drafted.get().journal(); // every listed app closed: the journal drafted for that
            back = new AppsBack(session, withApps, false);
        } else {
            List<ClosedApp> records = new ArrayList<>();
            for (AffectedApp a : closed) {
                records.add(Holders.record(a, owners, services));
            }
            withApps = stops.journal(journal, leaveClosed(records) ? List.of() : records);
            // Restarted once the swap is committed, before its backups are dealt with (downtime must not
            // grow with the update's size), or in the finally block if the swap failed.
            back = new AppsBack(session, withApps, closed.isEmpty());
        }
        if (closed.isEmpty()) {
            ahead.close(); // nothing is down: the swap and its cleanup need no real-time priority
        }
        boolean committed = false;
        try {
            commit(withApps, back.restarted ? Optional.empty() : Optional.of(back), hold, ahead, early);
            committed = true;
        } finally {
            ahead.close();
            hold.close();
            if (!back.restarted && committed) {
                leftToRecovery(session, withApps);
            } else if (!back.restarted) {
                restart(session, Optional.of(withApps));
            }
        }
    }

    /** The closed apps brought back once the swap is committed (a class, not a lambda: see AFTER_CLOSE). */
    private final class AppsBack implements Runnable {
        private final RestartSession session;
        private final Journal journal;
        private boolean restarted;
        private boolean firstFired;

        AppsBack(RestartSession session, Journal journal, boolean restarted) {
            this.session = session;
            this.journal = journal;
            this.restarted = restarted;
        }

        /** The first app started, before any other Java ({@link RestartSession#restartFirstNow}); {@link #run} reports it. */
        void fireFirst() {
            if (!restarted && !firstFired && holders.after() == HolderOptions.AfterSwap.RESTART) {
                firstFired = true;
                session.restartFirstNow();
            }
        }

        @Override
        public void run() {
            if (restarted) {
                return; // started before the commit already (Transaction)
            }
            fireFirst();
            restarted = true;
            afterCommit(session, journal);
            report.phase("cleanup");
        }
    }

    /**
     * The swap begun inside the shutdown, the moment it has closed every app ({@link
     * RestartSession#shutdown(java.util.Set, java.util.function.IntConsumer, java.util.function.Consumer)}),
     * where those are the apps the journal was drafted for: the renames, the record that the launch begins and
     * the first app's start ({@link AppsBack#fireFirst}) come straight after the last exit, and the session's
     * bookkeeping, {@code Holders}' and this class's reports and phases (0.3–0.4 ms of code that runs once per
     * process: docs/performance.md, "Eleventh round") after them. {@link #commit} then finishes what it began,
     * or rethrows its failure (rolled back: the install is unchanged). Signals are only recorded from its start:
     * a swap, once started, is not interrupted ({@link Interruption}). A class, not a lambda: see AFTER_CLOSE.
     */
    private final class EarlySwap implements Consumer<ShutdownResult>, Runnable {
        private final AppsBack back;
        private Optional<Transaction.Begun> begun = Optional.empty();
        private Optional<UpdateException> failed = Optional.empty();

        /**
         * Begins nothing without a session (nothing to close) or a drafted journal (see {@link #drafted}). Made
         * before the close, it runs its decision once on the listed apps as if all had closed: in the window the
         * decision's first run in the process cost about twice what a second one does (docs/performance.md,
         * "Eleventh round").
         */
        EarlySwap(Optional<RestartSession> session) {
            this.back = session.isPresent() && drafted.isPresent() ? new AppsBack(session.get(), drafted.get().journal(), false)
                    : null;
            if (back != null) {
                List<AppOutcome> asIfClosed = new ArrayList<>();
                for (AffectedApp a : drafted.get().apps()) {
                    asIfClosed.add(AppOutcome.ok(a.withStatus(EnumSet.of(AppStatus.STOPPED))));
                }
                sameApps(Holders.stoppedBy(new ShutdownResult(ShutdownResult.Outcome.COMPLETE, asIfClosed)),
                        drafted.get().apps());
            }
        }

        @Override
        public void accept(ShutdownResult complete) {
            if (back == null || !sameApps(Holders.stoppedBy(complete), drafted.get().apps())) {
                return; // the swap waits for the shutdown's return, with a journal made for what closed
            }
            Interruption.leave();
            stops.swapping();
            try {
                begun = Optional.of(Transaction.begin(layout, drafted.get().journal(), Optional.of(this), drafts));
            } catch (UpdateException e) {
                failed = Optional.of(e);
            }
        }

        /** Transaction's launch: only the first app, inside the shutdown; the rest of {@link AppsBack} follows it. */
        @Override
        public void run() {
            back.fireFirst();
        }

        boolean began() {
            return begun.isPresent() || failed.isPresent();
        }

        /** What the swap began here reached: its renames done, or the failure it ended with. */
        Transaction.Begun result() throws UpdateException {
            if (failed.isPresent()) {
                throw failed.get();
            }
            return begun.get();
        }
    }

    /**
     * Committed, but not even the journal could record that the apps are back ({@code AppsRestarted}):
     * the committed journal still lists them, so {@code resume} starts them. Starting them here too would
     * start them twice.
     */
    private void leftToRecovery(RestartSession session, Journal journal) {
        if (holders.after() == HolderOptions.AfterSwap.ONLY_IF_ROLLED_BACK) {
            afterCommit(session, journal); // an uninstall: they stay closed in any case
            return;
        }
        report.phase("restart");
        report.closedApps().forEach(a -> report.notRestarted(new AppReport(a.name(), a.pid(),
                "the update is in but could not be recorded as finished: updater resume --install-dir "
                        + layout.installDir() + " finishes it and starts the app")));
    }

    /** Not every holder closed: a reboot takes the swap over (returns), or the run ends (throws). */
    private void notClosed(RestartSession session, Journal journal, Holders.Result closing)
            throws RmException, UpdateException {
        if (closing instanceof Holders.RebootNeeded r) {
            restartEarlier(session, closing);
            RebootFallback.schedule(layout, journal, r.reason(), holders.reboot(), holders.force(), ctx, report);
            return;
        }
        if (closing instanceof Holders.Uninspectable u) {
            throw new UpdateException.PermissionDenied(u.reason() + "; nothing was changed", null);
        }
        throw deferred(session, (Holders.Refused) closing);
    }

    private BusyHandle hold(Journal journal) {
        return ShutdownHold.during(ctx.system(), "installing " + journal.toVersion() + " in " + layout.installDir());
    }

    /**
     * Whether {@code closed} are {@code listed}, in the same order, with what their records are made of
     * ({@link Holders#record}: the process, the name, the registered command and directory) unchanged:
     * compared with plain code, not through the records' generated {@code equals}, since the apps are down
     * meanwhile. The shutdown lists the holders again, so an app that registered another command since the
     * listing gets a record made now.
     */
    static boolean sameApps(List<AffectedApp> closed, List<AffectedApp> listed) {
        if (closed.size() != listed.size()) {
            return false;
        }
        for (int i = 0; i < closed.size(); i++) {
            AffectedApp a = closed.get(i);
            AffectedApp b = listed.get(i);
            if (!Holders.same(a.process(), b.process()) || !a.name().equals(b.name())
                    || a.restartCommand().isPresent() != b.restartCommand().isPresent()) {
                return false;
            }
            if (a.restartCommand().isPresent() && (!a.restartCommand().get().argv().equals(b.restartCommand().get().argv())
                    || !a.restartCommand().get().workingDirectory().equals(b.restartCommand().get().workingDirectory()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Before the apps are asked: rehearses the swap on scratch files ({@link Rehearsal}: its first-run costs
     * paid here), and writes the journals the swap will write if every listed app closes ({@link
     * JournalDrafts}): their serialisation (Jackson's first use of these types alone costs about 15 ms), file
     * writes and file fsyncs then fall before the apps' exit, not between it and their restart.
     */
    private void draftJournals(Journal journal, List<AffectedApp> listedApps, List<ClosedApp> apps) {
        Rehearsal.run(layout, ctx.clock());
        boolean leaveClosed = holders.after() == HolderOptions.AfterSwap.LEAVE_CLOSED;
        Journal withApps = stops.journal(journal, leaveClosed ? List.of() : apps);
        drafted = leaveClosed ? Optional.empty() : Optional.of(new Drafted(listedApps, withApps));
        drafts = JournalDrafts.write(layout, withApps, ctx.clock());
        drafts.writePreparedNow(); // the PREPARED journal's rename and fsync, out of the downtime too
    }

    /**
     * The PREPARED journal written before the close ({@link JournalDrafts#writePreparedNow}) names apps
     * that recovery would start again; where no swap follows, it goes back to the record of the services
     * being stopped, or away, before this run starts any closed app again itself.
     */
    private void withdrawEarlyJournal(Journal journal) {
        try {
            drafts.withdrawPrepared(stops.recordedInJournal() ? Optional.of(stops.journal(journal, List.of()))
                    : Optional.empty());
        } catch (IOException e) {
            report.note("could not withdraw the journal written before the apps were asked to close (" + e.getMessage()
                    + "); updater resume --install-dir " + layout.installDir() + " rolls it back and starts only"
                    + " the apps that no longer run");
        }
    }

    /**
     * Closes the holders; a signal meanwhile stops it (a shutdown in progress is cancelled), brings back
     * what was already closed, and ends the run as interrupted.
     */
    private Holders.Result closeInterruptibly(RestartSession session, AffectedApps listed, Journal journal,
            EarlySwap early) throws RmException, InterruptedException, UpdateException {
        Interruption.enter();
        try {
            return Holders.close(session, listed, new Holders.Plan(holders.force(), holders.waitFor(), ctx.waitRetry(),
                    holders.closeTimeout().orElse(DEFAULT_CLOSE_TIMEOUT)), ctx.clock(), holders.waits(), early);
        } catch (RmException | InterruptedException e) {
            if (Interruption.signal().isEmpty() || early.began()) {
                throw e; // (a swap that began is not abandoned here: nothing after it in the shutdown throws)
            }
            Interruption.leave();
            withdrawEarlyJournal(journal);
            restartAfterInterrupt(session);
            throw Interruption.stopped("while closing the apps");
        } finally {
            Interruption.leave();
        }
    }

    /** After an interrupted close: whatever the session had closed is reported closed and started again. */
    private void restartAfterInterrupt(RestartSession session) {
        try {
            RestartResult r = session.restart(Holders.NO_PROGRESS);
            r.apps().forEach(o -> report.closed(new AppReport(o.app().name(), o.app().process().pid(), "")));
            RestartReports.report(r, report);
        } catch (RmException nothingClosed) {
            // ERROR_REQUEST_OUT_OF_SEQUENCE: the session had closed nothing yet.
        }
    }

    /** A reboot is needed after all: what earlier attempts closed comes back now. */
    private void restartEarlier(RestartSession session, Holders.Result closing) {
        if (!closing.stopped().isEmpty()) {
            restart(session, Optional.empty());
        }
    }

    /**
     * Commits; {@code appsBack} runs once the renames are done, before their fsyncs and the commit record
     * where it can be recorded first, else between the commit and the cleanup (see {@link Transaction}). A
     * shutdown that arrives during the swap waits (on {@code hold}) until the commit is recorded; the
     * hold is dropped once the apps are back, the caller drops it in any case.
     */
    private void commit(Journal journal, Optional<Runnable> appsBack, BusyHandle hold, Boost ahead, EarlySwap early)
            throws UpdateException {
        stops.swapping();
        Optional<Runnable> afterIt = appsBack.isEmpty() && afterCommit.isEmpty() ? Optional.empty()
                : Optional.of(new AfterIt(appsBack, hold, ahead));
        // The apps may be started as soon as the renames are done, before the fsyncs and the commit record;
        // AfterIt then finds them started (AppsBack runs once).
        Transaction.Begun begun;
        if (early.began()) {
            begun = early.result();
            if (begun.launched()) {
                appsBack.get().run(); // the rest of the restart its first app's start began
            }
        } else {
            begun = Transaction.begin(layout, journal, appsBack, drafts);
        }
        Transaction.Committed c = Transaction.finish(begun, ctx.clock(), afterIt, drafts);
        if (!c.clean()) {
            report.note(c.cleanupProblem());
        }
        Reports.committed(journal, report);
    }

    /** What runs once the swap is committed: the apps back, the boost and the hold dropped, the caller's action. */
    private final class AfterIt implements Runnable {
        private final Optional<Runnable> appsBack;
        private final BusyHandle hold;
        private final Boost ahead;

        AfterIt(Optional<Runnable> appsBack, BusyHandle hold, Boost ahead) {
            this.appsBack = appsBack;
            this.hold = hold;
            this.ahead = ahead;
        }

        @Override
        public void run() {
            if (appsBack.isPresent()) {
                appsBack.get().run();
            }
            ahead.close(); // the cleanup (a gigabyte of backups, perhaps) needs no real-time priority
            hold.close(); // after the launch: releasing it waits for systemd-inhibit to exit
            if (afterCommit.isPresent()) {
                afterCommit.get().run();
            }
        }
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
            if (o.reason().isPresent() && !Holders.stopped(o.app())) {
                report.refused(new AppReport(o.app().name(), o.app().process().pid(), o.reason().get()));
                who.append(who.length() == 0 ? "" : "; ").append(o.app().name()).append(" (pid ")
                        .append(o.app().process().pid()).append("): ").append(o.reason().get());
            }
        }
        int stopped = refused.stopped().size();
        if (stopped > 0) {
            restartNow(session, Optional.empty()); // bring back what was closed before one held out
        }
        if (noticeOnRefusal.isPresent()) {
            for (AffectedApp a : session.announceEnd(noticeOnRefusal.get())) {
                report.warned(new AppReport(a.name(), a.process().pid(), "closed at " + noticeOnRefusal.get().at()
                        + " even if it refuses"));
            }
        }
        return new UpdateException.Deferred("deferred: an application refused to close - " + who
                + (holders.waitFor().isZero() ? "" : " (waited " + holders.waitFor() + ")")
                + (stopped == 0 ? "; nothing was changed"
                        : "; the install is unchanged, but " + stopped + (stopped == 1 ? " process was" : " processes were")
                                + " closed first (see the report's closed, restarted and not-restarted lists)"));
    }

    /** Restarts what the session closed; if the session cannot, starts them from the journal's records. */
    private void restart(RestartSession session, Optional<Journal> journal) {
        report.phase("restart");
        if (holders.after() == HolderOptions.AfterSwap.LEAVE_CLOSED) {
            noteLeftClosed();
            report.closedApps().forEach(a -> report.notRestarted(new AppReport(a.name(), a.pid(),
                    "--no-restart (updater restart-apps starts it)")));
            return;
        }
        restartNow(session, journal);
    }

    private void restartNow(RestartSession session, Optional<Journal> journal) {
        try {
            RestartReports.report(session.restart(Holders.NO_PROGRESS), report);
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
