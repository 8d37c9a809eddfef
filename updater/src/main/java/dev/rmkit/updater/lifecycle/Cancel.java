package dev.rmkit.updater.lifecycle;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.Manifests;
import dev.rmkit.updater.apply.Runs;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.JournalStore;
import dev.rmkit.updater.reboot.RebootFallback;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code updater cancel}: withdraws a swap that waits for the next boot (an update, a rollback or an
 * uninstall), through the reboot fallback's own undo ({@link RebootFallback#withdraw}): nothing was
 * swapped yet, so the install stays exactly the release it is, and another version can be applied.
 * An interrupted swap is not cancelled: {@code resume} finishes it.
 */
public final class Cancel {

    private Cancel() {}

    public static UpdateReport run(UpdaterContext ctx, Path installDir) {
        InstallLayout layout = new InstallLayout(installDir);
        ReportBuilder report = new ReportBuilder("cancel", layout.installDir(), ctx.clock());
        return Runs.lockedExisting(layout, report, () -> {
            Optional<Journal> found;
            try {
                found = JournalStore.read(layout);
            } catch (IOException e) {
                throw UpdateException.stateUnreadable("the journal", e);
            }
            if (found.isEmpty()) {
                report.outcome(Outcome.NOTHING_TO_CANCEL, "nothing waits for a reboot in " + layout.installDir());
                return;
            }
            Journal j = found.get();
            if (j.state() == JournalState.PREPARED || j.state() == JournalState.COMMITTED) {
                throw new UpdateException.Usage(j.describe() + " was interrupted, not scheduled for a boot: updater"
                        + " resume finishes it (rolls it back or forward); it cannot be cancelled");
            }
            report.versions(j.fromVersion(), j.toVersion());
            RebootFallback.withdraw(layout, j, ctx.system().get());
            String now = Manifests.installed(layout).map(InstalledState::version).orElse("as before");
            report.outcome(Outcome.CANCELLED, j.describe() + " that waited for a reboot was withdrawn; the install is "
                    + now);
        });
    }
}
