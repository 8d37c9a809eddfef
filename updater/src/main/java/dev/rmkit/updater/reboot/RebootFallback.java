package dev.rmkit.updater.reboot;

import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.JournalStore;
import dev.rmkit.updater.journal.Journals;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(layout.installDir().toString().getBytes(StandardCharsets.UTF_8));
            return "updater-" + HexFormat.of().formatHex(h).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
            system.registerResume(resumeName(layout), ctx.resumeCommand().apply(layout.installDir()));
            if (osRenames) {
                BootRenames.schedule(layout, pending, system);
            }
        } catch (IOException | RmException | RuntimeException e) {
            try {
                JournalStore.delete(layout);
                ctx.system().get().unregisterResume(resumeName(layout));
            } catch (IOException | RmException | RuntimeException ignored) {
                // The journal was never written, or resume will find a pending swap it can still run.
            }
            throw new UpdateException.ApplyFailed("cannot schedule the update to " + prepared.toVersion()
                    + " for the next boot (" + e.getMessage() + "); nothing was changed", e);
        }
        TestHooks.reach("pending-reboot");
        report.reboot("required").outcome(Outcome.REBOOT_REQUIRED, "the update to " + prepared.toVersion()
                + " is staged and finishes at the next boot (" + why + "); updater resume is registered to run then");
        report.note("nothing is installed yet; at the next boot: " + prepared.steps().stream()
                .map(st -> st.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + st.path())
                .collect(java.util.stream.Collectors.joining(", ")));
        if (mode == RebootMode.IF_NEEDED) {
            try {
                system.rebootRestartingApps("rmkit updater: finishing the update to " + prepared.toVersion(), force);
                report.reboot("initiated").outcome(Outcome.REBOOT_INITIATED, "rebooting to finish the update to "
                        + prepared.toVersion() + " (" + why + ")");
            } catch (RmException e) {
                report.note("the reboot could not be started: " + e.getMessage() + "; reboot by hand to finish");
            }
        }
    }
}
