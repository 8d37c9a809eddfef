package dev.rmkit.updater.report;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.plan.ChangeKind;
import dev.rmkit.updater.plan.Plan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the facts of a run as it goes; {@link #build()} freezes them into an {@link UpdateReport}. */
public final class ReportBuilder {

    private final String command;
    private final Path installDir;
    private final Clock clock;
    private final Instant startedAt;
    private Outcome outcome = Outcome.UPDATED;
    private String message = "";
    private String fromVersion = "";
    private String toVersion = "";
    private Plan plan;
    private final List<AppReport> closed = new ArrayList<>();
    private final List<AppReport> restarted = new ArrayList<>();
    private final List<AppReport> refused = new ArrayList<>();
    private final List<AppReport> notRestarted = new ArrayList<>();
    private final List<String> failedToStart = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> left = new ArrayList<>();
    private String reboot = "none";
    private Transfer download = Transfer.NONE;
    private Instant firstClosed;
    private Instant lastRestarted;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private String phase;
    private Instant phaseStart;
    private final List<AppReport> forced = new ArrayList<>();
    private final List<AppReport> warned = new ArrayList<>();
    private String installId = "";
    private Double rolloutBucket;
    private AutoReport auto;
    private String rebootRefusal = "";

    public ReportBuilder(String command, Path installDir, Clock clock) {
        this.command = command;
        this.installDir = installDir;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public ReportBuilder outcome(Outcome o, String msg) {
        outcome = o;
        message = msg;
        return this;
    }

    /** Ends the report with a failure: its kind decides the outcome, its message the reason. */
    public ReportBuilder fail(UpdateException e) {
        return outcome(Outcome.of(e.exitCode()), e.getMessage());
    }

    public ReportBuilder versions(String from, String to) {
        fromVersion = from;
        toVersion = to;
        return this;
    }

    public ReportBuilder plan(Plan p) {
        plan = p;
        return versions(p.fromVersion(), p.toVersion());
    }

    public ReportBuilder closed(AppReport app) {
        if (firstClosed == null) {
            firstClosed = clock.instant();
        }
        closed.add(app);
        return this;
    }

    /** Marks the moment the apps went down (taken just before the shutdown that closed them). */
    public ReportBuilder downSince(Instant when) {
        firstClosed = when;
        return this;
    }

    public ReportBuilder restarted(AppReport app) {
        restarted.add(app);
        lastRestarted = clock.instant();
        return this;
    }

    /** The apps are back (or were never to come back): downtime ends now. */
    public ReportBuilder upAgain() {
        if (firstClosed != null) {
            lastRestarted = clock.instant();
        }
        return this;
    }

    public ReportBuilder refused(AppReport app) {
        refused.add(app);
        return this;
    }

    /** The processes reported closed so far. */
    public List<AppReport> closedApps() {
        return List.copyOf(closed);
    }

    /**
     * A closed process that was not started again, and why: by its own choice or the user's (no restart
     * command, a no-restart filter, {@code --no-restart}), or because nobody may start it (its owner is
     * not known). Not a failure: see {@link #restartFailed}.
     */
    public ReportBuilder notRestarted(AppReport app) {
        notRestarted.add(app);
        return this;
    }

    /**
     * A closed app or service whose start was tried and failed: listed with the apps not restarted, and an
     * update that otherwise succeeded then ends {@link Outcome#RESTART_FAILED}, so the exit code says it.
     */
    public ReportBuilder restartFailed(AppReport app) {
        notRestarted.add(app);
        failedToStart.add(app.name());
        return this;
    }

    public ReportBuilder note(String note) {
        notes.add(note);
        return this;
    }

    /** What staging fetched (and saved by patches). */
    public ReportBuilder download(Transfer t) {
        download = t;
        return this;
    }

    /** A file an uninstall left where it is. */
    public ReportBuilder leftInPlace(String path) {
        left.add(path);
        return this;
    }

    public ReportBuilder reboot(String state) {
        reboot = state;
        return this;
    }

    /** Ends the current phase (its time is added to its total) and starts {@code name}. */
    public ReportBuilder phase(String name) {
        endPhase();
        phase = name;
        phaseStart = clock.instant();
        return this;
    }

    private void endPhase() {
        if (phase != null) {
            phases.merge(phase, Math.max(0, Duration.between(phaseStart, clock.instant()).toMillis()), Long::sum);
            phase = null;
        }
    }

    /** An app closed by a forced close. */
    public ReportBuilder forced(AppReport app) {
        forced.add(app);
        return this;
    }

    /** A cooperating app told when it will be closed. */
    public ReportBuilder warned(AppReport app) {
        warned.add(app);
        return this;
    }

    public ReportBuilder installId(String id) {
        installId = id;
        return this;
    }

    public ReportBuilder rolloutBucket(double bucket) {
        rolloutBucket = bucket;
        return this;
    }

    public ReportBuilder auto(AutoReport a) {
        auto = a;
        return this;
    }

    /** A reboot this run wanted did not happen (an app refused it, or the command failed): why. */
    public ReportBuilder rebootRefused(String why) {
        rebootRefusal = why;
        return this;
    }

    /** Why a reboot this run wanted did not happen; empty if it did, or none was wanted. */
    public String rebootRefusal() {
        return rebootRefusal;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The subcommand this report is of ("apply", "auto", ...). */
    public String command() {
        return command;
    }

    /** The apps refused so far (in the order they were reported). */
    public List<AppReport> refusedSoFar() {
        return List.copyOf(refused);
    }

    public UpdateReport build() {
        if (outcome == Outcome.UPDATED && !failedToStart.isEmpty()) {
            outcome(Outcome.RESTART_FAILED, message + "; but " + String.join(", ", failedToStart) + " did not start again");
        }
        endPhase();
        long downtime = firstClosed == null ? 0
                : Math.max(0, Duration.between(firstClosed, lastRestarted == null ? clock.instant() : lastRestarted).toMillis());
        // A run that only staged the update for the next boot changed nothing yet: no paths are listed
        // as added, replaced or removed (a note says what the boot will do).
        boolean changed = outcome == Outcome.UPDATED || outcome == Outcome.RESTART_FAILED || outcome == Outcome.REVERTED
                || outcome == Outcome.UNINSTALLED || outcome == Outcome.UNHEALTHY;
        return new UpdateReport(command, outcome, outcome.exitCode().code(), message, installDir.toString(),
                fromVersion, toVersion, paths(changed, ChangeKind.ADD), paths(changed, ChangeKind.REPLACE),
                paths(changed, ChangeKind.REMOVE), closed, restarted, refused, notRestarted, reboot, downtime, notes,
                left, startedAt.toString(), clock.instant().toString(), download, phases, forced, warned, installId,
                rolloutBucket, auto);
    }

    /** Only a run that changed the install lists the paths it changed. */
    private List<String> paths(boolean changed, ChangeKind kind) {
        if (!changed || plan == null) {
            return List.of();
        }
        return plan.of(kind).stream().map(c -> c.path()).toList();
    }
}
