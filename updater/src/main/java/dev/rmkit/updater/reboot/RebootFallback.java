package dev.rmkit.updater.reboot;

import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalOperation;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.JournalStore;
import dev.rmkit.updater.journal.Journals;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import java.io.IOException;
import java.util.List;

/**
 * DESIGN step 9: when the files cannot be replaced now (a holder that cannot be closed, or a release
 * that requires a reboot), {@code updater resume} is registered to run after the boot, the swap is
 * recorded for the boot, and with {@code --reboot if-needed} the machine is rebooted, in a way that
 * brings the registered apps back. Linux: the whole swap waits in the journal (PENDING_REBOOT, boot
 * id) and resume runs it after the boot. Windows: the swap's renames are scheduled with the OS
 * ({@link BootRenames}, PENDING_BOOT_RENAMES), which does them during the boot. Nothing in the
 * install changes before the boot.
 */
public final class RebootFallback {

    private RebootFallback() {}

    /** The resume registration's name for an install: stable, and distinct per install directory. */
    public static String resumeName(InstallLayout layout) {
        return "updater-" + layout.key();
    }

    /** Removes an install's resume registration (with {@link #registerResume}, the one place that names it); harmless if there is none. */
    public static void unregister(InstallLayout layout, SystemControl system) throws RmException {
        system.unregisterResume(resumeName(layout));
    }

    /**
     * Withdraws a swap that waits for the boot ({@code updater cancel}): first the renames scheduled with
     * the OS (Windows), so from then on the boot does nothing to the install; then the journal, after which
     * the install is exactly the old release and a crash leaves only leftovers; then the resume
     * registration, the directories made for the renames, and an update's staged files (a rollback's
     * kept release stays kept).
     *
     * @throws UpdateException.ApplyFailed if the renames cannot be withdrawn; nothing was changed
     */
    public static void withdraw(InstallLayout layout, Journal pending, SystemControl system) throws UpdateException {
        try {
            if (pending.state() == JournalState.PENDING_BOOT_RENAMES) {
                List<PendingReplacement> ours = BootRenames.renames(layout, pending);
                system.withdrawAtReboot(ours);
                if (system.pendingReplacements().stream().anyMatch(ours::contains)) {
                    throw new RmException("withdraw replacements", "they are still scheduled after withdrawing them");
                }
            }
        } catch (RmException e) {
            throw new UpdateException.ApplyFailed("cannot withdraw the renames scheduled for the next boot ("
                    + e.getMessage() + "); nothing was changed", e);
        }
        try {
            JournalStore.delete(layout);
            TestHooks.reach("cancel-journal-deleted");
            unregister(layout, system);
            BootRenames.undoDirectories(layout, pending);
            if (pending.operation() == JournalOperation.APPLY) {
                InstallFiles files = layout.files();
                files.deleteOwn(layout.stateDir().resolve(pending.stagingDir())); // a link there stays
                files.sync();
            }
        } catch (IOException | RmException e) {
            throw new UpdateException.ApplyFailed(pending.describe() + " was withdrawn, but cleaning up after it failed ("
                    + e.getMessage() + "); the install is the old release", e);
        }
    }

    /**
     * Registers {@code updater resume} for the install to run after the next boot, replacing an
     * earlier registration. Also called by a resume that finds the swap still waiting in the same
     * boot: a registration that a logon before the reboot used up (Windows' RunOnce is deleted before
     * it runs, at every logon) is so renewed, and exactly one resume runs after the real boot.
     */
    public static void registerResume(InstallLayout layout, UpdaterContext ctx) throws RmException {
        ctx.system().get().registerResume(resumeName(layout), ctx.resumeCommand().apply(layout.installDir()));
    }

    /**
     * @param force whether the reboot may end apps that refuse ({@code --force}); without it one refusal
     *     keeps the machine up and the update waits for a reboot (exit 100)
     */
    public static void schedule(InstallLayout layout, Journal prepared, String why, RebootMode mode, boolean force,
            UpdaterContext ctx, ReportBuilder report) throws UpdateException {
        SystemControl system;
        try {
            system = ctx.system().get();
            boolean osRenames = system.renamesAtBoot();
            Journal pending = (osRenames ? Journals.withCurrentDirs(layout, prepared).withState(JournalState.PENDING_BOOT_RENAMES)
                    : prepared.withState(JournalState.PENDING_REBOOT)).withClosedApps(java.util.List.of());
            JournalStore.write(layout, pending);
            registerResume(layout, ctx);
            if (osRenames) {
                BootRenames.schedule(layout, pending, system);
            }
        } catch (IOException | RmException | RuntimeException e) {
            try {
                JournalStore.delete(layout);
                unregister(layout, ctx.system().get());
            } catch (IOException | RmException | RuntimeException ignored) {
                // The journal was never written, or resume will find a pending swap it can still run.
            }
            throw new UpdateException.ApplyFailed("cannot schedule " + prepared.describe()
                    + " for the next boot (" + e.getMessage() + "); nothing was changed", e);
        }
        TestHooks.reach("pending-reboot");
        report.reboot("required").outcome(Outcome.REBOOT_REQUIRED, prepared.describe()
                + " is staged and finishes at the next boot (" + why + "); updater resume is registered to run then"
                + " (updater cancel withdraws it)");
        if (mode == RebootMode.IF_NEEDED) {
            reboot(system, prepared.describe(), why, force, report);
        }
    }

    /**
     * Reboots now, in the way that brings the registered apps back, to finish {@code what} (for example
     * "the update to 2.0.0"), which waits for the boot. Without {@code force} one refusing app keeps the
     * machine up: the report then keeps "reboot required" and says why ({@link ReportBuilder#rebootRefusal()}).
     */
    public static void reboot(SystemControl system, String what, String why, boolean force, ReportBuilder report) {
        report.phase("reboot");
        try {
            system.rebootRestartingApps("rmkit updater: finishing " + what, force);
            report.reboot("initiated").outcome(Outcome.REBOOT_INITIATED, "rebooting to finish " + what + " (" + why + ")");
        } catch (RmException e) {
            report.rebootRefused(e.getMessage());
            report.note("the reboot could not be started: " + e.getMessage() + "; reboot by hand to finish");
        }
    }
}
