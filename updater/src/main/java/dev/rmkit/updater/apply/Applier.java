package dev.rmkit.updater.apply;

import dev.rmkit.updater.Interruption;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstallLock;
import dev.rmkit.updater.install.InstalledFile;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.Journals;
import dev.rmkit.updater.journal.Swap;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.journal.Transaction;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestPolicy;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.updater.reboot.RebootFallback;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import dev.rmkit.updater.stage.Stager;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code updater apply}, DESIGN steps 1–10: lock; recover an unfinished swap; load and verify the
 * manifest; check it against what is installed; plan; stage everything; then, and only then, close
 * the holders, swap, and restart them; or schedule the swap for the next boot. Every outcome,
 * failures included, ends as a report (saved as last-report.json while the lock is held).
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
        UpdateReport result;
        try (InstallLock lock = InstallLock.acquire(layout)) {
            try {
                run(req, layout, report);
            } catch (UpdateException.Interrupted e) {
                report.fail(e).outcome(report.outcome(), e.getMessage() + (existed
                        ? "; nothing was changed; run the same command again (verified downloads are kept)"
                        : "; nothing was installed and the directory it created is removed; run the same command again"));
            } catch (UpdateException e) {
                report.fail(e);
            }
            Interruption.signal().filter(sig -> report.outcome() == Outcome.UPDATED).ifPresent(sig -> report.note(
                    sig.label() + " arrived once the swap had begun: the update was finished first"));
            result = Reports.saved(layout, report);
        } catch (UpdateException busy) {
            result = report.fail(busy).build();
        }
        if (!existed && result.exitCode() != 0 && result.reboot().equals("none")) {
            forgetCreatedInstall(layout);
        }
        return result;
    }

    /** A fresh install that failed leaves no trace: the directory it created (lock, staging) goes again. */
    private static void forgetCreatedInstall(InstallLayout layout) {
        try {
            Swap.deleteTree(layout.installDir());
        } catch (IOException ignored) {
            // Only the updater's own lock and staging files were in it; a leftover is harmless.
        }
    }

    private void run(ApplyRequest req, InstallLayout layout, ReportBuilder report) throws UpdateException {
        Recovery.Result recovered = Recovery.recover(layout, ctx.bootId().get(), ctx.system(), ctx.clock());
        Reports.noteRecovery(recovered, ctx.system().get(), report);
        LoadedManifest loaded = Manifests.load(ctx, req.manifest(), layout, req.trustKey(), true);
        Manifest m = loaded.manifest();
        Optional<InstalledState> installed = Manifests.installed(layout);
        report.versions(installed.map(InstalledState::version).orElse(""), m.version());
        if (recovered.kind() == Recovery.Kind.PENDING_REBOOT) {
            Journal waiting = recovered.journal().orElseThrow();
            if (waiting.toVersion().equals(m.version())) {
                report.reboot("required").outcome(Outcome.REBOOT_REQUIRED, "the update to " + m.version()
                        + " is already staged and finishes at the next boot");
                return;
            }
            throw new UpdateException.Deferred("the update to " + waiting.toVersion()
                    + " waits for a reboot; reboot (updater resume then finishes it) before applying " + m.version());
        }
        Optional<ManifestPolicy.Installed> policyView = installed.map(
                i -> new ManifestPolicy.Installed(i.product(), i.channel(), i.version()));
        Plan plan = Manifests.plan(layout, m, installed);
        report.plan(plan);
        if (ManifestPolicy.isInstalledRelease(m, policyView) && plan.isEmpty()) {
            report.outcome(Outcome.UP_TO_DATE, m.product() + " " + m.version() + " is already installed");
            return;
        }
        ManifestPolicy.checkAgainstInstalled(m, policyView, req.allowDowngrade());
        Interruption.interruptibly("while downloading", () -> {
            Staging.stage(layout, loaded, plan, new Stager(ctx.fetcher()), ctx.progress());
            return null;
        });
        TestHooks.reach("staged");
        InstalledState after = new InstalledState(m.product(), m.channel(), m.version(),
                m.files().stream().map(f -> new InstalledFile(f.path(), f.size(), f.sha256())).toList(),
                loaded.keyId(), "");
        Journal journal = Journals.of(layout, plan, JournalState.PREPARED, Journals.newTxid(), ctx.bootId().get(), after);
        if (m.rebootRequired()) {
            RebootFallback.schedule(layout, journal, "the release requires a reboot", req.reboot(), req.force(), ctx, report);
            return;
        }
        if (plan.displacedPaths().isEmpty()) {
            commit(layout, journal, report);
            return;
        }
        Interruption.check("before closing the apps");
        new ClosingSwap(ctx, req, layout, report).run(plan, journal);
    }

    static void commit(InstallLayout layout, Journal journal, ReportBuilder report, UpdaterContext ctx)
            throws UpdateException {
        commit(layout, journal, report, ctx, Optional.empty());
    }

    /** Commits; {@code appsBack} restarts closed apps between the commit and the cleanup (see {@link Transaction}). */
    static void commit(InstallLayout layout, Journal journal, ReportBuilder report, UpdaterContext ctx,
            Optional<Runnable> appsBack) throws UpdateException {
        Transaction.Committed c = Transaction.run(layout, journal, ctx.clock(), appsBack);
        if (!c.clean()) {
            report.note(c.cleanupProblem());
        }
        report.outcome(Outcome.UPDATED, "updated to " + journal.toVersion());
    }

    private void commit(InstallLayout layout, Journal journal, ReportBuilder report) throws UpdateException {
        commit(layout, journal, report, ctx);
    }
}
