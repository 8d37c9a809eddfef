package dev.rmkit.burner.job;

import dev.rmkit.burner.BurnRequest;
import dev.rmkit.burner.BurnResult;
import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.SessionBurner;
import dev.rmkit.burner.WrongDiscException;
import dev.rmkit.burner.disc.BurnMonitor;
import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.PowerEvent;
import dev.rmkit.rm.QueryAnswer;
import dev.rmkit.rm.RmException;
import dev.rmkit.burner.disc.DiscImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The long-running burner: waits for inbox jobs and burns each as a new session, saving its state on
 * every change. As a cooperating application it allows the session to end while idle, refuses while
 * burning with a reason a person understands, and, told the session ends anyway (a forced end), stops
 * the burn before its commit, re-queues the job, saves and exits. Logoff is treated like shutdown. Told
 * in advance that an installer will close it at a given time ({@link #endScheduled}), it tells its user
 * what that means for the burn at hand and saves its state.
 */
public final class BurnerApp implements EndSessionListener {

    private final Path stateFile;
    private final Inbox inbox;
    private final Consumer<String> log;
    private final BurnMonitor display;
    private final Duration poll;
    private final boolean exitWhenIdle;
    private final Object lock = new Object();
    private BurnerState state;
    private Optional<CooperatingApp> coop = Optional.empty();
    private volatile boolean ending;
    private volatile boolean closeRequested;
    private volatile boolean burning;
    private volatile String reason = "";
    private volatile BusyHandle busy;
    private volatile Optional<BurnProgress> progress = Optional.empty();

    public BurnerApp(Path stateFile, BurnerState initial, Consumer<String> log, BurnMonitor display, Duration poll,
            boolean exitWhenIdle) {
        this.stateFile = stateFile;
        this.state = initial;
        this.inbox = new Inbox(initial.inbox());
        this.log = log;
        this.display = display;
        this.poll = poll;
        this.exitWhenIdle = exitWhenIdle;
    }

    /** Lets the app mark busy periods through rm-client (keep-awake and a shutdown block reason). */
    public void attach(CooperatingApp app) {
        coop = Optional.of(app);
    }

    public BurnerState state() {
        synchronized (lock) {
            return state;
        }
    }

    /**
     * Runs until the session ends, the app is closed, or (with exit-when-idle) the queue is empty.
     * The disc stays open for the whole run (the "try" warning is about that unused, held resource).
     */
    @SuppressWarnings("try")
    public ExitCode run() throws IOException {
        ExitCode code = ExitCode.OK;
        synchronized (lock) {
            StateStore.save(stateFile, state);
        }
        try (FileChannel held = insertDisc()) {
            log.accept("ready: pid " + ProcessHandle.current().pid() + ", disc " + state().disc() + ", watching "
                    + inbox.dir() + " for *.job.json");
            recoverCurrent();
            while (!ending && !closeRequested) {
                scan();
                Optional<Job> next = nextJob();
                if (next.isEmpty()) {
                    if (exitWhenIdle) {
                        break;
                    }
                    synchronized (lock) {
                        lock.wait(poll.toMillis());
                    }
                    continue;
                }
                code = burn(next.get());
                if (code != ExitCode.OK) {
                    break;
                }
            }
        } catch (WrongDiscException e) {
            log.accept(e.getMessage());
            return ExitCode.DISC_REFUSED;
        } catch (BurnerException e) {
            log.accept("cannot use the disc: " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            update(BurnerState::requeue);
        }
        return code;
    }

    /**
     * Puts the disc in the recorder: ties the app to the disc's identity (making a blank disc if there is
     * none and the app is not tied yet) and keeps the image open while the app runs, the way a drive holds
     * its disc, so an installer's holder scan finds the burner.
     */
    private FileChannel insertDisc() throws BurnerException, IOException {
        BurnerState s = state();
        UUID id;
        if (!Files.exists(s.disc())) {
            if (s.discId().isPresent()) {
                throw new WrongDiscException("the app is tied to disc " + s.discId().get() + " but there is no disc at "
                        + s.disc());
            }
            try (DiscImage d = DiscImage.create(s.disc(), s.media())) {
                id = d.header().discId();
            }
            log.accept("made a blank " + s.media().displayName() + " at " + s.disc());
        } else {
            try (DiscImage d = DiscImage.open(s.disc(), false)) {
                if (s.discId().isPresent()) {
                    d.requireIdentity(s.discId().get());
                }
                id = d.header().discId();
            }
        }
        update(x -> x.tiedTo(id));
        return FileChannel.open(s.disc(), StandardOpenOption.READ);
    }

    /** A job that was being burned when the app died: finished if its session reached the disc, else re-queued. */
    private void recoverCurrent() throws IOException {
        Optional<Job> current = state().current();
        if (current.isEmpty()) {
            return;
        }
        if (DiscChecks.newestSessionIsFrom(state().disc(), current.get().id())) {
            inbox.done(current.get().id());
            update(BurnerState::finish);
            log.accept("job " + current.get().id() + ": its session reached the disc before the interruption");
        } else {
            update(BurnerState::requeue);
            log.accept("job " + current.get().id() + ": re-queued after an interrupted burn");
        }
    }

    private void scan() throws IOException {
        for (Path f : inbox.jobFiles()) {
            String id = JobFiles.idOf(f.getFileName().toString()).orElseThrow();
            if (state().knows(id)) {
                continue;
            }
            try {
                Job job = JobFiles.parse(id, Files.readString(f), inbox.dir());
                update(s -> s.enqueue(job));
                log.accept("job " + id + ": queued");
            } catch (BurnerException | IOException e) {
                inbox.failed(id, e.getMessage());
                log.accept("job " + id + ": refused: " + e.getMessage());
            }
        }
    }

    private Optional<Job> nextJob() throws IOException {
        while (!state().queue().isEmpty()) {
            Job head = state().queue().get(0);
            if (inbox.jobFile(head.id()).isPresent()) {
                return Optional.of(head);
            }
            update(s -> s.drop(head.id()));
            log.accept("job " + head.id() + ": cancelled (its file left the inbox)");
        }
        return Optional.empty();
    }

    private ExitCode burn(Job job) throws IOException {
        update(BurnerState::start);
        BurnerState s = state();
        int session = DiscChecks.sessionCount(s.disc()) + 1;
        String label = job.label().isEmpty() ? "Session " + session : job.label();
        reason = Reasons.burning(session, label, 0);
        log.accept("job " + job.id() + ": burning session " + session + " '" + label + "'");
        burning = true;
        busy = acquireBusy();
        try {
            BurnRequest req = new BurnRequest(s.disc(), Optional.of(s.media()), s.speed(), job.label(), job.close(),
                    job.sources(), job.removals(), job.id(), s.discId());
            BurnResult r = SessionBurner.burn(req, monitor(session, label));
            inbox.done(job.id());
            update(x -> x.finish().tiedTo(r.header().discId()));
            log.accept("job " + job.id() + ": done, session " + r.session().number() + " at block " + r.session().start()
                    + (r.header().closed() ? "; the disc is now closed" : ""));
            return ExitCode.OK;
        } catch (WrongDiscException e) {
            update(BurnerState::requeue);
            log.accept("job " + job.id() + ": " + e.getMessage() + "; the job stays queued");
            return ExitCode.DISC_REFUSED;
        } catch (BurnerException e) {
            if (e.exitCode() == ExitCode.INTERRUPTED || e.exitCode() == ExitCode.IO_ERROR) {
                update(BurnerState::requeue);
                log.accept("job " + job.id() + ": stopped (" + e.getMessage() + "); re-queued, earlier sessions intact");
                return e.exitCode();
            }
            inbox.failed(job.id(), "exit " + e.exitCode().code() + ": " + e.getMessage());
            update(BurnerState::finish);
            log.accept("job " + job.id() + ": failed (exit " + e.exitCode().code() + "): " + e.getMessage());
            return ExitCode.OK;
        } finally {
            burning = false;
            progress = Optional.empty();
            if (busy != null) {
                busy.close();
                busy = null;
            }
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    private BusyHandle acquireBusy() {
        if (coop.isEmpty()) {
            return null;
        }
        try {
            return coop.get().busy(reason);
        } catch (RmException e) {
            log.accept("warning: cannot keep the system awake during the burn: " + e.getMessage());
            return null;
        }
    }

    private BurnMonitor monitor(int session, String label) {
        long started = System.nanoTime();
        progress = Optional.of(new BurnProgress(session, label, 0, 1, Duration.ZERO));
        return new BurnMonitor() {
            int lastPercent = -1;

            @Override
            public void progress(long written, long total) {
                progress = Optional.of(new BurnProgress(session, label, written, total,
                        Duration.ofNanos(System.nanoTime() - started)));
                int pct = total <= 0 ? 100 : (int) Math.min(100, written * 100 / total);
                if (pct != lastPercent) {
                    lastPercent = pct;
                    reason = Reasons.burning(session, label, pct);
                    BusyHandle b = busy;
                    if (b != null && pct % 5 == 0) {
                        b.reason(reason);
                    }
                }
                display.progress(written, total);
            }

            @Override
            public boolean stopRequested() {
                return ending;
            }
        };
    }

    private void update(java.util.function.UnaryOperator<BurnerState> change) throws IOException {
        synchronized (lock) {
            BurnerState next = change.apply(state);
            if (!next.equals(state)) {
                StateStore.save(stateFile, next);
                state = next;
            }
        }
    }

    @Override
    public QueryAnswer queryEndSession(Set<EndSessionFlag> flags) {
        if (burning) {
            String why = reason;
            log.accept("end-session query " + flags + ": refused: " + why);
            return QueryAnswer.veto(why);
        }
        log.accept("end-session query " + flags + ": allowed (idle)");
        return QueryAnswer.allow();
    }

    @Override
    public void endSession(boolean end, Set<EndSessionFlag> flags) {
        if (!end) {
            log.accept("end of session cancelled " + flags);
            return;
        }
        stopForEnd("end of session " + flags);
    }

    /** Stops a running burn before its commit, waits for it, and saves the state with the job re-queued. */
    public void stopForEnd(String why) {
        ending = true;
        synchronized (lock) {
            lock.notifyAll();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (burning && System.nanoTime() < deadline) {
                try {
                    lock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            try {
                BurnerState next = state.requeue();
                StateStore.save(stateFile, next);
                state = next;
                log.accept(why + ": state saved to " + stateFile);
            } catch (IOException e) {
                log.accept(why + ": cannot save the state to " + stateFile + ": " + e.getMessage());
            }
        }
    }

    /**
     * An installer will close this app at {@code notice.at()}: tell the user what that means for the burn
     * at hand (whether it should finish before then), and save the state now, so nothing depends on
     * the time left when the end comes.
     */
    @Override
    public void endScheduled(EndNotice notice) {
        log.accept(EndNoticeWords.of(notice, burning ? progress : Optional.empty(), state().queue().size(), Instant.now()));
        synchronized (lock) {
            try {
                StateStore.save(stateFile, state);
                log.accept("end notice: state saved to " + stateFile);
            } catch (IOException e) {
                log.accept("end notice: cannot save the state to " + stateFile + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closeRequested = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void powerEvent(PowerEvent event) {
        if (event == PowerEvent.SUSPEND && burning) {
            log.accept("sleep requested while burning; the burn holds a keep-awake request: " + reason);
        }
    }

    /** True while a session is being written. */
    public boolean burning() {
        return burning;
    }
}
