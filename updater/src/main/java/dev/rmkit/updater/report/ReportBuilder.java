package dev.rmkit.updater.report;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.plan.ChangeKind;
import dev.rmkit.updater.plan.Plan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    private final List<String> notes = new ArrayList<>();
    private final List<String> left = new ArrayList<>();
    private String reboot = "none";
    private Transfer download = Transfer.NONE;
    private Instant firstClosed;
    private Instant lastRestarted;

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

    /** A closed process that was not started again, and why. */
    public ReportBuilder notRestarted(AppReport app) {
        notRestarted.add(app);
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

    public Outcome outcome() {
        return outcome;
    }

    public UpdateReport build() {
        long downtime = firstClosed == null ? 0
                : Math.max(0, Duration.between(firstClosed, lastRestarted == null ? clock.instant() : lastRestarted).toMillis());
        // A run that only staged the update for the next boot changed nothing yet: no paths are listed
        // as added, replaced or removed (a note says what the boot will do).
        boolean changed = outcome == Outcome.UPDATED || outcome == Outcome.REVERTED || outcome == Outcome.UNINSTALLED
                || outcome == Outcome.UNHEALTHY;
        return new UpdateReport(command, outcome, outcome.exitCode().code(), message, installDir.toString(),
                fromVersion, toVersion, paths(changed, ChangeKind.ADD), paths(changed, ChangeKind.REPLACE),
                paths(changed, ChangeKind.REMOVE), closed, restarted, refused, notRestarted, reboot, downtime, notes,
                left, startedAt.toString(), clock.instant().toString(), download);
    }

    /** Only a run that changed the install lists the paths it changed. */
    private List<String> paths(boolean changed, ChangeKind kind) {
        if (!changed || plan == null) {
            return List.of();
        }
        return plan.of(kind).stream().map(c -> c.path()).toList();
    }
}
