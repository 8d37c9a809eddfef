package dev.rmkit.bench.fleet;

import dev.rmkit.updater.auto.Decision;
import dev.rmkit.updater.policy.Policy;
import dev.rmkit.updater.policy.RebootRule;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** What happened in the simulated fleet, per day since the release, and the goals' counters. */
final class Tally {

    final Instant start;
    final int days;
    final int[] offered;
    final int[] staged;
    final int[] updated;
    final int[] deferrals;
    final int[] warned;
    final int[] forcedApps;
    final int[] policyReboots;
    final int[] userBoots;
    int forcedBeforeDeadline;
    int forcedBeforeGraceEnd;
    int forcedWithoutNotice;
    int rebootsOutsideWindowOrGrace;
    private final Set<String> stagedInstalls = new HashSet<>();

    Tally(Instant start, int days) {
        this.start = start;
        this.days = days;
        offered = new int[days];
        staged = new int[days];
        updated = new int[days];
        deferrals = new int[days];
        warned = new int[days];
        forcedApps = new int[days];
        policyReboots = new int[days];
        userBoots = new int[days];
    }

    int day(Instant t) {
        return (int) Math.min(days - 1, Math.max(0, Duration.between(start, t).toDays()));
    }

    void offered(Instant t) {
        offered[day(t)]++;
    }

    void staged(SimInstall i, Instant t) {
        if (stagedInstalls.add(i.id)) {
            staged[day(t)]++;
        }
    }

    void updated(SimInstall i, Instant t) {
        updated[day(t)]++;
    }

    void deferred(Instant t) {
        deferrals[day(t)]++;
    }

    void warned(Instant t, int apps) {
        warned[day(t)] += apps;
    }

    /**
     * Apps closed although they refused; the goal counters check the moment against the deadline, and
     * whether a run before had given them the notice of the forced close.
     */
    void forced(Instant t, int busyApps, Decision d, boolean noticeGiven) {
        forcedApps[day(t)] += busyApps;
        if (!noticeGiven) {
            forcedWithoutNotice += busyApps;
        }
        if (busyApps > 0 && d.deadline().filter(t::isBefore).isPresent()) {
            forcedBeforeDeadline += busyApps;
        }
        if (busyApps > 0 && d.forceAt().filter(t::isBefore).isPresent()) {
            forcedBeforeGraceEnd += busyApps;
        }
    }

    /** A reboot the policy started: inside a window, or (rule at-deadline) after deadline + grace, else a violation. */
    void policyReboot(Instant t, Policy p, Decision d) {
        policyReboots[day(t)]++;
        // deadline + grace itself: the forced close may come later (a grace after a late notice), the reboot rule does not wait for it
        boolean afterGrace = p.reboot() == RebootRule.AT_DEADLINE
                && d.deadline().map(x -> x.plus(p.grace())).filter(f -> !t.isBefore(f)).isPresent();
        if (!p.inWindow(t) && !afterGrace) {
            rebootsOutsideWindowOrGrace++;
        }
    }

    /** A machine switched on again, finishing a swap that waited for the boot. */
    void userBoot(Instant t) {
        userBoots[day(t)]++;
    }
}
