package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.TestPoints;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the apps of the restart list after the boot, exactly once each, by the protocol of
 * {@link RestartList}: first the claims an earlier starter left when it died (started, or found
 * running by its token, or else started now), then the records nobody claimed yet. Records from the
 * current boot are left alone: that reboot has not happened yet. Records a {@link Later} holds back
 * (the apps of a user who is not logged in, {@link AtLogin}) stay for a later starter.
 */
final class Relauncher {

    private static final System.Logger LOG = System.getLogger(Relauncher.class.getName());

    /** Which records wait for a later starter instead of being started now. */
    interface Later {
        /** Holds nothing back. */
        Later NEVER = new Later() {
            @Override
            public boolean defers(RecordedApp app) {
                return false;
            }

            @Override
            public void defer(RecordedApp app) {}
        };

        /** True if {@code app} is not started now. */
        boolean defers(RecordedApp app);

        /** Makes sure the later starter of {@code app} comes (a registration). */
        void defer(RecordedApp app) throws IOException;
    }

    private Relauncher() {}

    static RestartResult relaunch(RestartList list, String currentBoot) throws RmException {
        return relaunch(list, currentBoot, Later.NEVER);
    }

    static RestartResult relaunch(RestartList list, String currentBoot, Later later) throws RmException {
        return relaunch(list, currentBoot, later, LinuxConfig.DEFAULT_END_SESSION_TIMEOUT);
    }

    /**
     * As {@link #relaunch(RestartList, String, Later)}, waiting up to {@code startTimeout} for each started
     * app to register again before taking it as started without that proof.
     */
    static RestartResult relaunch(RestartList list, String currentBoot, Later later, Duration startTimeout)
            throws RmException {
        List<AppOutcome> outcomes = new ArrayList<>();
        try {
            for (Path claim : list.claims()) {
                if (!RestartList.alive(RestartList.claimerOf(claim))) {
                    settleOrphan(list, claim, currentBoot, later, startTimeout).ifPresent(outcomes::add);
                }
            }
            for (Path record : list.pending()) {
                Optional<RecordedApp> app = read(record);
                if (app.map(RecordedApp::bootId).filter(currentBoot::equals).isPresent()) {
                    continue;
                }
                if (app.filter(later::defers).isPresent()) {
                    later.defer(app.get());
                    continue;
                }
                Optional<RestartList.Claim> claim;
                try {
                    claim = list.claim(record);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping unreadable restart record {0}: {1}", record, e.getMessage());
                    continue;
                }
                if (claim.isPresent()) {
                    outcomes.add(startAndSettle(list, claim.get(), startTimeout));
                }
            }
        } catch (IOException e) {
            throw new RmException("restart after reboot", "cannot read " + list.dir() + ": " + e.getMessage(), e);
        }
        return new RestartResult(outcomes);
    }

    /**
     * A claim whose starter died: it was started (marked, or running with its token), or it is started
     * now, unless {@code later} holds it back (it then stays claimed by this starter, an orphan again
     * for the next one once this one ends).
     */
    private static Optional<AppOutcome> settleOrphan(RestartList list, Path orphan, String currentBoot, Later later,
            Duration startTimeout) throws IOException {
        if (read(orphan).map(RecordedApp::bootId).filter(currentBoot::equals).isPresent()) {
            return Optional.empty();
        }
        Optional<RestartList.Claim> claim;
        try {
            claim = list.reclaim(orphan);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping unreadable restart claim {0}: {1}", orphan, e.getMessage());
            return Optional.empty();
        }
        if (claim.isEmpty()) {
            return Optional.empty(); // another starter took it over first
        }
        RestartList.Claim c = claim.get();
        Optional<ProcessId> started = list.startedBy(c).or(() -> running(c.token(), c.app().owner().uid()));
        if (started.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "{0} was started before its starter died (pid {1}); not starting it again",
                    c.app().appId(), started.get().pid());
            list.started(c, started.get());
            list.done(c);
            return Optional.of(new AppOutcome(c.app().app(EnumSet.of(AppStatus.STOPPED, AppStatus.RESTARTED)),
                    Optional.empty(), started));
        }
        if (later.defers(c.app())) {
            later.defer(c.app());
            return Optional.empty();
        }
        return Optional.of(startAndSettle(list, c, startTimeout));
    }

    private static AppOutcome startAndSettle(RestartList list, RestartList.Claim c, Duration startTimeout)
            throws IOException {
        AppOutcome o = start(c, startTimeout);
        if (o.newProcess().isPresent()) {
            TestPoints.reach("app-started");
            list.started(c, o.newProcess().get());
        }
        list.done(c);
        return o;
    }

    private static AppOutcome start(RestartList.Claim c, Duration startTimeout) {
        RecordedApp app = c.app();
        try {
            ProcessId started = app.owner().start(app.command(), Map.of(RestartList.TOKEN_ENV, c.token()), startTimeout);
            return new AppOutcome(app.app(EnumSet.of(AppStatus.STOPPED, AppStatus.RESTARTED)), Optional.empty(),
                    Optional.of(started));
        } catch (RmException e) {
            return AppOutcome.failed(app.app(EnumSet.of(AppStatus.STOPPED, AppStatus.ERROR_ON_RESTART)), e.getMessage());
        }
    }

    /**
     * A live process started for the record with {@code token}, found by its environment. Only a process
     * of the record's owner counts: another user can read the record's pid and start time in /proc and
     * forge the token, and must not make the owner's app lose its restart.
     */
    private static Optional<ProcessId> running(String token, int ownerUid) {
        try {
            ProcFs proc = new ProcFs(Path.of("/proc"));
            for (long pid : proc.pids()) {
                if (proc.status(pid).filter(st -> st.uid() == ownerUid).isPresent()
                        && proc.environment(pid).map(env -> token.equals(env.get(RestartList.TOKEN_ENV))).orElse(false)) {
                    Optional<ProcessId> id = proc.processId(pid);
                    if (id.isPresent()) {
                        return id;
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot scan /proc for a started app: {0}", e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<RecordedApp> read(Path record) {
        try {
            return Optional.of(Json.MAPPER.readValue(record.toFile(), RecordedApp.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone (claimed by another runner) or malformed: claim decides
        }
    }
}
