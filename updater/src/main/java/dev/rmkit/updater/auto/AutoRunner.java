package dev.rmkit.updater.auto;

import dev.rmkit.rm.EndNotice;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.Applier;
import dev.rmkit.updater.apply.ApplyRequest;
import dev.rmkit.updater.apply.Gate;
import dev.rmkit.updater.apply.HolderOptions;
import dev.rmkit.updater.apply.ReleaseSource;
import dev.rmkit.updater.apply.Reports;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstallLock;
import dev.rmkit.updater.install.UnsafePathException;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.policy.FeedKind;
import dev.rmkit.updater.policy.Policy;
import dev.rmkit.updater.policy.PolicyLoader;
import dev.rmkit.updater.reboot.RebootMode;
import dev.rmkit.updater.report.AutoReport;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code updater auto}: one unattended run, as the OS scheduler starts it. Reads the install's policy
 * and what earlier runs remembered, takes the lock, and runs apply's steps with a {@link Gate} that
 * asks {@link Decider} how far to go now: stage only, ask, warn, force, reboot. Then folds the result
 * (the apps' answers included) into the remembered state, and ends like every run: one report, one
 * history line.
 */
public final class AutoRunner {

    private final UpdaterContext ctx;

    public AutoRunner(UpdaterContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /** @param policyFile the policy to follow; empty: the install's {@code .rmkit/policy.json} */
    public UpdateReport run(Path installDir, Optional<Path> policyFile) {
        InstallLayout layout = new InstallLayout(installDir);
        ReportBuilder report = new ReportBuilder("auto", layout.installDir(), ctx.clock());
        if (!Files.isRegularFile(layout.installedFile())) {
            return Reports.finished(layout, report.fail(new UpdateException.Usage("not an install: " + layout.installDir()
                    + " (install it first with updater apply --trust KEYFILE)")), false);
        }
        Policy policy;
        try {
            policy = policyFile.isPresent() ? PolicyLoader.load(policyFile.get(), ZoneId.systemDefault())
                    : PolicyLoader.loadInstalls(layout, ZoneId.systemDefault());
        } catch (UpdateException e) {
            return Reports.finished(layout, report.fail(e), false);
        }
        try (InstallLock lock = InstallLock.acquire(layout)) {
            runLocked(policy, layout, report);
            return Reports.finished(layout, report, true);
        } catch (UpdateException busy) {
            return Reports.finished(layout, report.fail(busy), false);
        }
    }

    private void runLocked(Policy policy, InstallLayout layout, ReportBuilder report) {
        Instant now = ctx.clock().instant();
        AutoState state;
        try {
            state = state(layout, report);
        } catch (UpdateException refused) {
            report.fail(refused);
            return;
        }
        Conditions conditions = conditions();
        Decision[] decided = {null};
        Release[] seen = {null};
        Gate gate = (m, pendingReboot) -> {
            if (policy.channel().isPresent() && !policy.channel().get().equals(m.channel())) {
                throw new UpdateException.Rejected("wrong channel: the feed publishes " + m.channel()
                        + ", the policy follows " + policy.channel().get());
            }
            seen[0] = new Release(m.version(), m.rebootRequired(), pendingReboot);
            decided[0] = Decider.decide(policy, state, seen[0], conditions, now);
            return escalation(decided[0], m);
        };
        // Keep one release for rollback, as apply does by default; the policy has no health check.
        ApplyRequest req = new ApplyRequest(source(policy), layout.installDir(), Optional.empty(),
                new HolderOptions(Duration.ZERO, false, RebootMode.NEVER, HolderOptions.AfterSwap.RESTART), false, 1,
                Optional.empty());
        try {
            new Applier(ctx).runLocked(req, layout, report, gate);
        } catch (UpdateException e) {
            report.fail(e);
        }
        AutoState after = Decider.after(policy, state, Optional.ofNullable(seen[0]), Results.of(report, now), now);
        try {
            AutoStateFile.write(layout, after, policy.zone());
        } catch (IOException e) {
            report.note("could not save " + layout.autoStateFile() + ": " + e.getMessage());
        }
        Decision d = decided[0];
        report.auto(new AutoReport(d == null ? "nothing" : d.action().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                d == null ? "nothing to decide: " + report.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') : d.why(),
                text(after.firstSeen()), text(after.deadline()), text(after.forceAt()), after.deferrals(),
                after.next().map(NextStep::words).orElse("")));
    }

    /**
     * A manifest, or the feed's release index: then the newest release of the policy's channel (else the
     * installed one), with the index's checks (threshold signature, expiry, product, anti-replay).
     */
    static ReleaseSource source(Policy policy) {
        return policy.feedKind() == FeedKind.INDEX ? ReleaseSource.feed(policy.feed(), policy.channel())
                : ReleaseSource.manifest(policy.feed());
    }

    /** What the policy's decision lets apply's steps do. */
    static Gate.Escalation escalation(Decision d, Manifest m) {
        RebootMode reboot = d.mayReboot() ? RebootMode.IF_NEEDED : RebootMode.NEVER;
        return switch (d.action()) {
            case STAGE, NOTHING -> new Gate.Escalation(true, false, RebootMode.NEVER, Optional.empty(), d.why());
            case ASK -> new Gate.Escalation(false, false, reboot, d.warn()
                    ? Optional.of(new EndNotice(d.forceAt().orElseThrow(), "update of " + m.product() + " to " + m.version()))
                    : Optional.empty(), "");
            case FORCE -> new Gate.Escalation(false, true, reboot, Optional.empty(), "");
            case REBOOT -> new Gate.Escalation(false, d.forceReboot(), RebootMode.IF_NEEDED, Optional.empty(), "");
            case AWAIT_REBOOT -> new Gate.Escalation(false, false, RebootMode.NEVER, Optional.empty(), "");
        };
    }

    /**
     * The remembered state; a damaged file is noted and the run starts afresh (its deadline restarts). A
     * link in its place refuses the run: the updater neither reads nor writes its state through one.
     */
    private static AutoState state(InstallLayout layout, ReportBuilder report) throws UpdateException {
        try {
            return AutoStateFile.read(layout).map(AutoStateFile.Stored::state).orElse(AutoState.NONE);
        } catch (UnsafePathException e) {
            throw new UpdateException.ApplyFailed(e.getMessage() + "; nothing was changed", e);
        } catch (IOException e) {
            report.note("ignored " + layout.autoStateFile() + ": " + e.getMessage());
            return AutoState.NONE;
        }
    }

    private Conditions conditions() {
        try {
            return new Conditions(ctx.system().get().onAcPower());
        } catch (RuntimeException e) {
            return Conditions.UNKNOWN; // no system side on this OS: nothing can be told
        }
    }

    private static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse("");
    }
}
