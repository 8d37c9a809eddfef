package dev.rmkit.updater.apply;

import dev.rmkit.updater.Interruption;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledFile;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.journal.BootHealthCheck;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalOperation;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.Journals;
import dev.rmkit.updater.journal.KeepPrevious;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestPolicy;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.reboot.RebootFallback;
import dev.rmkit.updater.reboot.RebootMode;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import dev.rmkit.updater.stage.Stager;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code updater apply}, DESIGN steps 1–10: lock; recover an unfinished swap; load and verify the
 * manifest; check it against what is installed; plan; stage everything; then, and only then, close
 * the holders, swap, and restart them; or schedule the swap for the next boot. Every outcome,
 * failures included, ends as a report, appended to the install's history (and saved as
 * last-report.json while the lock is held). A staged rollout that does not offer the release to this
 * install ends the run before anything is downloaded.
 */
public final class Applier {

    private final UpdaterContext ctx;

    public Applier(UpdaterContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    public UpdateReport apply(ApplyRequest req) {
        InstallLayout layout = new InstallLayout(req.installDir());
        ReportBuilder report = new ReportBuilder("apply", layout.installDir(), ctx.clock());
        try {
            Manifests.checkInstallDir(layout.installDir());
        } catch (UpdateException.Usage notADirectory) {
            return report.fail(notADirectory).build();
        }
        boolean existed = Files.exists(layout.installDir());
        return Runs.locked(layout, report, () -> {
            try {
                runLocked(req, layout, report, Gate.of(req));
            } catch (UpdateException.Interrupted e) {
                report.fail(e).outcome(report.outcome(), e.getMessage() + (existed
                        ? "; nothing was changed; run the same command again (verified downloads are kept)"
                        : "; nothing was installed and the directory it created is removed; run the same command again"));
            }
        }, true);
    }

    /**
     * The steps of apply, with the install's lock held by the caller: {@code gate} decides, once the
     * release is verified, new and offered, how far they go ({@code auto} runs them with its policy).
     * Failures are thrown; the report holds everything done until then.
     */
    public void runLocked(ApplyRequest req, InstallLayout layout, ReportBuilder report, Gate gate) throws UpdateException {
        report.phase("recover");
        Recovery.Result recovered = Recovery.recover(layout, ctx.bootId().get(), ctx.system(), ctx.clock());
        Reports.noteRecovery(recovered, ctx.system().get(), report);
        report.phase("verify");
        LoadedManifest loaded = Manifests.load(ctx, req.source(), layout, req.trustKey(), true);
        Manifest m = loaded.manifest();
        Optional<InstalledState> installed = Manifests.installed(layout);
        report.versions(installed.map(InstalledState::version).orElse(""), m.version());
        String installId = Offers.installId(layout, report);
        if (recovered.kind() == Recovery.Kind.PENDING_REBOOT) {
            waitingForReboot(recovered.journal().orElseThrow(), m, gate, report);
            return;
        }
        report.phase("plan");
        Optional<ManifestPolicy.Installed> policyView = installed.map(Manifests::policyView);
        Plan plan = Manifests.plan(layout, m, installed);
        report.plan(plan);
        if (ManifestPolicy.isInstalledRelease(m, policyView) && plan.isEmpty()) {
            report.outcome(Outcome.UP_TO_DATE, m.product() + " " + m.version() + " is already installed");
            return;
        }
        ManifestPolicy.checkAgainstInstalled(m, policyView, req.allowDowngrade());
        if (!Offers.offered(m, installId, req.ignoreRollout(), report)) {
            return;
        }
        Gate.Escalation esc = gate.decide(m, false);
        ApplyRequest run = req.escalated(esc);
        report.phase("stage");
        report.download(Interruption.interruptibly("while downloading",
                () -> Staging.stage(layout, loaded, plan, new Stager(ctx.fetcher()), ctx.progress())));
        TestHooks.reach("staged");
        if (esc.stageOnly()) {
            report.outcome(Outcome.STAGED, m.product() + " " + m.version() + " is staged; " + esc.why());
            return;
        }
        InstalledState after = new InstalledState(m.product(), m.channel(), m.version(),
                m.files().stream().map(f -> new InstalledFile(f.path(), f.size(), f.sha256(), f.executable())).toList(),
                loaded.keyId(), "", policyView.map(v -> ManifestPolicy.rolledBackFrom(v, m.version())).orElse(""));
        // A health check needs the previous release until it has passed, whatever --keep-releases says.
        int keep = req.healthCheck().isPresent() ? Math.max(1, req.keepReleases()) : req.keepReleases();
        Journal journal = Journals.of(layout, plan, JournalState.PREPARED, Journals.newTxid(), ctx.bootId().get(), after)
                .withKeep(installed.map(i -> new KeepPrevious(keep, i)).orElse(null))
                // Carried for the resume that finishes it after a reboot, if it comes to that.
                .withHealthCheck(req.healthCheck().map(h -> new BootHealthCheck(h.argv(), h.timeout().toMillis(),
                        req.keepReleases())).orElse(null));
        if (m.rebootRequired()) {
            RebootFallback.schedule(layout, journal, "the release requires a reboot", run.holders().reboot(),
                    run.holders().force(), ctx, report);
            return;
        }
        Interruption.check("before closing the apps");
        new ClosingSwap(ctx, run.holders(), layout, report).noticeOnRefusal(esc.noticeOnRefusal()).run(journal);
        if (report.outcome() == Outcome.UPDATED && installed.isPresent()) {
            afterUpdate(run, layout, report);
        }
    }

    /** The install's swap waits for a boot: this release again answers 100, or reboots if the gate lets it. */
    private void waitingForReboot(Journal waiting, Manifest m, Gate gate, ReportBuilder report) throws UpdateException {
        if (waiting.operation() != JournalOperation.APPLY || !waiting.toVersion().equals(m.version())) {
            throw new UpdateException.Deferred(waiting.describe() + " waits for a reboot; reboot (updater resume then"
                    + " finishes it) or withdraw it with updater cancel before applying " + m.version());
        }
        Gate.Escalation esc = gate.decide(m, true);
        report.reboot("required").outcome(Outcome.REBOOT_REQUIRED, "the update to " + m.version()
                + " is already staged and finishes at the next boot");
        if (esc.reboot() == RebootMode.IF_NEEDED) {
            RebootFallback.reboot(ctx.system().get(), "the update to " + m.version(), "it waits for a reboot", esc.force(),
                    report);
        }
    }

    /** The health check, if any, then the kept releases cut down to {@code --keep-releases}. */
    private void afterUpdate(ApplyRequest req, InstallLayout layout, ReportBuilder report) {
        AfterUpdate.checkThenPrune(ctx, layout, report, req.healthCheck(), req.keepReleases(), req.holders());
    }
}
