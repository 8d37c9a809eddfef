package dev.rmkit.bench.fleet;

import dev.rmkit.updater.auto.Action;
import dev.rmkit.updater.auto.AutoState;
import dev.rmkit.updater.auto.Conditions;
import dev.rmkit.updater.auto.Decider;
import dev.rmkit.updater.auto.Decision;
import dev.rmkit.updater.auto.Refusal;
import dev.rmkit.updater.auto.Release;
import dev.rmkit.updater.auto.RunResult;
import dev.rmkit.updater.manifest.Rollout;
import dev.rmkit.updater.policy.Policy;
import dev.rmkit.updater.rollout.Buckets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One simulated install: its machine, its apps, and what {@code updater auto} remembers. Each run asks
 * the real decision engine ({@link Decider}) and the real rollout buckets ({@link Buckets}) what to do,
 * plays the apps' answers at that moment, and feeds the result back exactly as {@code AutoRunner} does.
 * Only the file work (staging, swap) is not simulated: its outcome is.
 */
final class SimInstall {

    static final String VERSION = "2.0.0";

    final String id;
    final Machine machine;
    final List<App> apps;
    /** A holder that cannot be closed (a service): the swap waits for a boot. */
    final boolean needsReboot;
    final Policy policy;
    private AutoState state = AutoState.NONE;
    private boolean pendingReboot;
    private Instant lastRun;
    /** A run past the deadline gave the apps the notice of the forced close. */
    private boolean noticeGiven;
    Instant firstOffered;
    Instant updatedAt;

    SimInstall(String id, Machine machine, List<App> apps, boolean needsReboot, Policy policy, Instant start) {
        this.id = id;
        this.machine = machine;
        this.apps = List.copyOf(apps);
        this.needsReboot = needsReboot;
        this.policy = policy;
        this.lastRun = start;
    }

    boolean updated() {
        return updatedAt != null;
    }

    Optional<Instant> forceAt() {
        return firstOffered == null ? Optional.empty() : policy.forceAtOf(firstOffered);
    }

    /** One run of {@code updater auto} at {@code t}, with the feed's rollout then. */
    void run(Instant t, Rollout rollout, Tally tally) {
        Optional<Instant> boot = machine.bootBetween(lastRun, t);
        if (pendingReboot && boot.isPresent()) { // the machine was switched off and on: resume finished the swap
            finish(boot.get(), tally);
            tally.userBoot(boot.get());
        }
        lastRun = t;
        if (updated()) {
            state = Decider.after(policy, state, Optional.empty(), RunResult.of(RunResult.Kind.UPDATED), t);
            return;
        }
        if (!Buckets.offer(Optional.of(rollout), id).offered()) {
            state = Decider.after(policy, state, Optional.empty(), RunResult.of(RunResult.Kind.NOTHING_OFFERED), t);
            return;
        }
        if (firstOffered == null) {
            firstOffered = t;
            tally.offered(t);
        }
        Release release = new Release(VERSION, false, pendingReboot);
        Decision d = Decider.decide(policy, state, release, new Conditions(machine.onAc(t)), t);
        RunResult result = switch (d.action()) {
            case NOTHING, STAGE -> staged(t, tally);
            case AWAIT_REBOOT -> RunResult.of(RunResult.Kind.REBOOT_PENDING);
            case REBOOT -> reboot(t, d.forceReboot(), d, tally);
            case ASK, FORCE -> close(t, d, tally);
        };
        state = Decider.after(policy, state, Optional.of(release), result, t);
    }

    private RunResult staged(Instant t, Tally tally) {
        tally.staged(this, t);
        return RunResult.of(RunResult.Kind.STAGED);
    }

    private RunResult close(Instant t, Decision d, Tally tally) {
        tally.staged(this, t);
        List<Refusal> refusals = refusals(t);
        if (d.action() == Action.ASK && !refusals.isEmpty()) {
            tally.deferred(t);
            if (d.warn()) {
                tally.warned(t, apps.size());
                noticeGiven = true;
            }
            return new RunResult(RunResult.Kind.DEFERRED, refusals);
        }
        if (d.action() == Action.FORCE) {
            tally.forced(t, refusals.size(), d, noticeGiven);
        }
        if (!needsReboot) {
            finish(t, tally);
            return RunResult.of(RunResult.Kind.UPDATED);
        }
        pendingReboot = true;
        return d.mayReboot() ? reboot(t, d.forceReboot(), d, tally) : RunResult.of(RunResult.Kind.REBOOT_PENDING);
    }

    /** The reboot round: cooperating apps are asked first; without force one refusal keeps the machine up. */
    private RunResult reboot(Instant t, boolean force, Decision d, Tally tally) {
        List<Refusal> refusals = refusals(t);
        if (!force && !refusals.isEmpty()) {
            tally.deferred(t);
            return new RunResult(RunResult.Kind.REBOOT_PENDING, List.of(new Refusal("the reboot", 0,
                    "an application refused to end its session - " + refusals.get(0).reason(), t)));
        }
        if (force) {
            tally.forced(t, refusals.size(), d, noticeGiven);
        }
        tally.policyReboot(t, policy, d);
        finish(t, tally);
        return RunResult.of(RunResult.Kind.REBOOT_STARTED);
    }

    private void finish(Instant t, Tally tally) {
        pendingReboot = false;
        updatedAt = t;
        tally.updated(this, t);
    }

    private List<Refusal> refusals(Instant t) {
        List<Refusal> out = new ArrayList<>();
        for (App a : apps) {
            a.refusal(t).ifPresent(reason -> out.add(new Refusal(a.name, 0, reason, t)));
        }
        return out;
    }
}
