package dev.rmkit.updater.journal;

import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.install.InstalledState;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The write-ahead record of one swap, {@code .rmkit/journal.json}. It is written (atomically,
 * fsync'd) before the first rename, lists every step, and is rewritten once more, in state
 * COMMITTED, after the last rename is durable. Its presence means "an update is unfinished".
 *
 * @param txid id of this swap; backups live in {@code .rmkit/backup/<txid>/}
 * @param state where the swap stands
 * @param fromVersion the version being replaced, empty for a fresh install
 * @param toVersion the version being installed
 * @param stagingDir the staged release, relative to {@code .rmkit/}
 * @param bootId the boot the journal was written in ({@code /proc/sys/kernel/random/boot_id}), so
 *     that a pending-reboot swap is not run before the reboot it waits for
 * @param steps every path that changes, in order
 * @param createdDirs directories the swap creates (parents first), removed again on rollback
 * @param prunableDirs directories that may become empty by removals, removed if so after commit
 * @param closedApps applications closed for this swap, restarted by recovery if the updater died
 * @param installedAfter installed.json after the commit
 */
public record Journal(
        String txid,
        JournalState state,
        String fromVersion,
        String toVersion,
        String stagingDir,
        String bootId,
        List<JournalStep> steps,
        List<String> createdDirs,
        List<String> prunableDirs,
        List<ClosedApp> closedApps,
        InstalledState installedAfter) {
    public Journal {
        Objects.requireNonNull(txid, "txid");
        if (!txid.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("bad txid: " + txid);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(stagingDir, "stagingDir");
        Objects.requireNonNull(bootId, "bootId");
        steps = List.copyOf(steps);
        createdDirs = List.copyOf(createdDirs);
        prunableDirs = List.copyOf(prunableDirs);
        closedApps = List.copyOf(closedApps);
        Objects.requireNonNull(installedAfter, "installedAfter");
    }

    public Journal withState(JournalState newState) {
        return new Journal(txid, newState, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, closedApps, installedAfter);
    }

    public Journal withClosedApps(List<ClosedApp> apps) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, apps, installedAfter);
    }

    public Journal withInstalledAfter(InstalledState after) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, closedApps, after);
    }

    public Journal withDirs(List<String> created, List<String> prunable) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, created,
                prunable, closedApps, installedAfter);
    }

    /** This journal as rewritten at the commit point: COMMITTED, with the install time. */
    public Journal committedAt(Clock clock) {
        InstalledState after = installedAfter();
        InstalledState stamped = new InstalledState(after.product(), after.channel(), after.version(),
                after.files(), after.keyId(), clock.instant().toString());
        return withState(JournalState.COMMITTED).withInstalledAfter(stamped);
    }
}
