package dev.rmkit.updater.auto;

import dev.rmkit.updater.policy.Policy;
import java.time.Instant;
import java.util.Optional;

/**
 * The unattended-update decisions, as pure functions of (policy, persisted state, release, the apps'
 * answers, now): no clock, no file, no process. {@link #decide} says what a run does; {@link #after}
 * folds the run's result into the state the next run starts from; {@link #next} forecasts the next
 * planned action by asking {@link #decide} at the scheduler's future starts ({@link Triggers}). The
 * fleet simulation in bench/ drives exactly these functions.
 *
 * <p>Escalation: staging is always allowed (downtime stays zero); before the deadline apps are asked
 * only inside a maintenance window; past the deadline they are asked at every run and warned of the
 * forced close; past deadline + grace they are closed even if they refuse, but never before a grace has
 * passed since they were first told ({@link #closeAt}). Asking, closing and rebooting wait for the
 * policy's conditions (mains power). A reboot happens only as the policy's reboot rule allows (never;
 * inside a window; inside a window or any time past deadline + grace), and is forced only past
 * deadline + grace.
 */
public final class Decider {

    private Decider() {}

    /** What the run at {@code now} does with {@code release}. */
    public static Decision decide(Policy p, AutoState s, Release release, Conditions c, Instant now) {
        Instant first = s.firstSeenOf(release.version()).orElse(now);
        Optional<Instant> deadline = p.deadlineOf(first);
        Optional<Instant> graceEnd = p.forceAtOf(first);
        Optional<Instant> forceAt = closeAt(p, first, s.noticeAtOf(release.version()), now);
        boolean pastDeadline = deadline.filter(d -> !now.isBefore(d)).isPresent();
        boolean pastGrace = graceEnd.filter(f -> !now.isBefore(f)).isPresent();
        boolean pastForce = forceAt.filter(f -> !now.isBefore(f)).isPresent();
        boolean inWindow = p.inWindow(now);
        boolean met = c.met(p);
        boolean mayReboot = met && switch (p.reboot()) {
            case NEVER -> false;
            case IN_WINDOW -> inWindow;
            case AT_DEADLINE -> inWindow || pastGrace;
        };
        if (release.pendingReboot()) {
            // The reboot round asks the apps; no notice goes out before it (docs/unattended.md).
            if (mayReboot) {
                return new Decision(Action.REBOOT, false, deadline, graceEnd, true, pastGrace,
                        "the update waits for a reboot and the policy allows one now"
                                + (pastGrace ? " (past deadline + grace: refusals are overridden)" : ""));
            }
            return new Decision(Action.AWAIT_REBOOT, false, deadline, graceEnd, false, false,
                    "the update waits for a reboot; " + rebootRuleWords(p, met));
        }
        if (!met) {
            return new Decision(Action.STAGE, false, deadline, forceAt, false, false, c.unmetReason(p));
        }
        if (pastForce) {
            return new Decision(Action.FORCE, false, deadline, forceAt, mayReboot, true,
                    "past deadline + grace: the apps are closed even if they refuse (they save first)");
        }
        if (pastGrace) {
            return new Decision(Action.ASK, true, deadline, forceAt, mayReboot, false,
                    "past deadline + grace, but the apps were not told of the forced close a grace period ago: they are"
                            + " asked, and warned of the time it comes");
        }
        if (pastDeadline) {
            return new Decision(Action.ASK, true, deadline, forceAt, mayReboot, false,
                    "past the deadline: the apps are asked, and warned they will be closed at the end of the grace period");
        }
        if (inWindow) {
            return new Decision(Action.ASK, false, deadline, forceAt, mayReboot, false,
                    p.windows().isEmpty() ? "the policy allows asking the apps at any time"
                            : "inside a maintenance window: the apps are asked");
        }
        return new Decision(Action.STAGE, false, deadline, forceAt, false, false,
                "outside the maintenance windows: staged only, no app is asked");
    }

    /**
     * The state after a run at {@code now} that ended with {@code result}; {@code release} is what was
     * on offer (empty if nothing was).
     */
    public static AutoState after(Policy p, AutoState s, Optional<Release> release, RunResult result, Instant now) {
        String word = result.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (release.isEmpty() && result.kind() != RunResult.Kind.UPDATED
                && result.kind() != RunResult.Kind.NOTHING_OFFERED && !s.version().isEmpty()) {
            release = Optional.of(Release.of(s.version())); // the feed was not reached: the release and its clock stay
        }
        if (release.isEmpty() || result.kind() == RunResult.Kind.UPDATED
                || result.kind() == RunResult.Kind.NOTHING_OFFERED) {
            Instant check = Triggers.nextRun(p, now);
            return new AutoState("", Optional.empty(), 0, Optional.empty(), Optional.of(now), word, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(new NextStep(Action.NOTHING, Optional.of(check),
                            "next check " + Words.when(check, now, p.zone()))));
        }
        Release r = release.get();
        Instant first = s.firstSeenOf(r.version()).orElse(now);
        int deferrals = s.deferralsOf(r.version());
        Optional<Refusal> refusal = s.version().equals(r.version()) ? s.lastRefusal() : Optional.empty();
        Optional<Instant> noticeAt = s.noticeAtOf(r.version());
        boolean refused = !result.refusals().isEmpty()
                && (result.kind() == RunResult.Kind.DEFERRED || result.kind() == RunResult.Kind.REBOOT_PENDING);
        if (refused) {
            deferrals++;
            refusal = Optional.of(result.refusals().get(0));
        }
        // An app that refused to close past the deadline was sent the notice of the forced close.
        if (refused && result.kind() == RunResult.Kind.DEFERRED && noticeAt.isEmpty()
                && p.deadlineOf(first).filter(d -> !now.isBefore(d)).isPresent()) {
            noticeAt = Optional.of(now);
        }
        Release planned = result.kind() == RunResult.Kind.REBOOT_PENDING ? r.waitingForReboot() : r;
        AutoState tracked = new AutoState(r.version(), Optional.of(first), deferrals, refusal, Optional.of(now), word,
                p.deadlineOf(first), closeAt(p, first, noticeAt, now), noticeAt, Optional.empty());
        Optional<NextStep> next = result.kind() == RunResult.Kind.REBOOT_STARTED
                ? Optional.of(new NextStep(Action.NOTHING, Optional.empty(), "the update finishes after the reboot"))
                : Optional.of(next(p, tracked, planned, now));
        return new AutoState(tracked.version(), tracked.firstSeen(), deferrals, refusal, tracked.lastCheck(), word,
                tracked.deadline(), tracked.forceAt(), noticeAt, next);
    }

    /**
     * When the apps are closed even if they refuse: deadline + grace, unless they were first told of it
     * only at or after that time (no run in the grace could ask them: the machine was off, or on battery
     * under the power condition); then a grace after that notice. Not told yet: as if told {@code now}.
     * Empty if the policy never forces.
     */
    static Optional<Instant> closeAt(Policy p, Instant firstSeen, Optional<Instant> noticeAt, Instant now) {
        return p.forceAtOf(firstSeen).map(graceEnd -> {
            Instant told = noticeAt.orElse(now);
            return told.isBefore(graceEnd) ? graceEnd : told.plus(p.grace());
        });
    }

    /**
     * The next run after {@code now} that will do more than stage, and what it will do, assuming the
     * conditions hold then.
     */
    public static NextStep next(Policy p, AutoState s, Release r, Instant now) {
        Instant t = Triggers.nextRun(p, now);
        for (int i = 0; i < 64; i++) {
            Decision d = decide(p, s, r, Conditions.UNKNOWN, t);
            switch (d.action()) {
                case ASK, FORCE, REBOOT -> {
                    return new NextStep(d.action(), Optional.of(t), Words.next(p, d, t, now));
                }
                case AWAIT_REBOOT -> {
                    if (p.reboot() == dev.rmkit.updater.policy.RebootRule.NEVER
                            || (p.reboot() == dev.rmkit.updater.policy.RebootRule.AT_DEADLINE && d.forceAt().isEmpty())) {
                        return new NextStep(Action.AWAIT_REBOOT, Optional.empty(),
                                "a reboot finishes it (the policy never reboots: reboot when convenient)");
                    }
                }
                default -> { }
            }
            t = Triggers.firstRunAtOrAfter(p, t, changeAfter(p, d, t));
        }
        return new NextStep(Action.STAGE, Optional.empty(), "no try planned within the forecast");
    }

    /** The earliest instant after {@code t} at which the decision can change: a window, the deadline, the forced close. */
    private static Instant changeAfter(Policy p, Decision d, Instant t) {
        Instant change = p.windows().isEmpty() ? Instant.MAX : p.nextInWindow(t.plusMillis(1));
        for (Optional<Instant> x : java.util.List.of(d.deadline(), d.forceAt())) {
            if (x.isPresent() && x.get().isAfter(t) && x.get().isBefore(change)) {
                change = x.get();
            }
        }
        return change.equals(Instant.MAX) ? Triggers.nextRun(p, t) : change;
    }

    private static String rebootRuleWords(Policy p, boolean met) {
        if (!met) {
            return "the policy waits for mains power before rebooting";
        }
        return switch (p.reboot()) {
            case NEVER -> "the policy never reboots: reboot when convenient";
            case IN_WINDOW -> "the policy reboots only inside a maintenance window";
            case AT_DEADLINE -> "the policy reboots inside a maintenance window, or any time after deadline + grace";
        };
    }
}
