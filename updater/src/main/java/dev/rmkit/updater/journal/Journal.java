package dev.rmkit.updater.journal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.install.InstalledState;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The write-ahead record of one swap, {@code .rmkit/journal.json}. It is written (atomically,
 * fsync'd) before the first rename, lists every step, and is rewritten once more, in state
 * COMMITTED, after the last rename is durable. Its presence means "an update is unfinished".
 *
 * @param txid id of this swap; backups live in {@code .rmkit/backup/<txid>/}
 * @param state where the swap stands
 * @param fromVersion the version being replaced, empty for a fresh install
 * @param toVersion the version being installed (empty for an uninstall)
 * @param stagingDir the files to put in place, relative to {@code .rmkit/}: the staged release, or for
 *     a rollback the kept release's files
 * @param bootId the boot the journal was written in ({@code /proc/sys/kernel/random/boot_id}), so
 *     that a pending-reboot swap is not run before the reboot it waits for
 * @param steps every path that changes, in order
 * @param createdDirs directories the swap creates (parents first), removed again on rollback
 * @param prunableDirs directories that may become empty by removals, removed if so after commit
 * @param closedApps applications closed for this swap, restarted by recovery if the updater died
 * @param installedAfter installed.json after the commit; null (absent) for an uninstall
 * @param operation what the swap does (absent in journals of older updaters: an update)
 * @param keep what an update keeps of the release it replaces; null (absent) when nothing is kept
 * @param services the services this swap stops through their service manager, recorded before they are
 *     stopped and kept until the journal is deleted: recovery starts each again (one that is already up
 *     is left alone, so starting "again" never starts it twice); empty (absent) when none
 * @param healthCheck the update's {@code --health-check}, run by the {@code resume} that finishes it after a
 *     reboot; null (absent) when none
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
        @JsonInclude(JsonInclude.Include.NON_NULL) InstalledState installedAfter,
        JournalOperation operation,
        @JsonInclude(JsonInclude.Include.NON_NULL) KeepPrevious keep,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ServiceUnit> services,
        @JsonInclude(JsonInclude.Include.NON_NULL) BootHealthCheck healthCheck) {
    /**
     * A transaction id: compiled once. {@code String.matches} compiled the pattern for every journal made,
     * also between the apps' exit and their launch (the journal that names the closed apps).
     */
    private static final Pattern TXID = Pattern.compile("[A-Za-z0-9-]+");

    public Journal {
        Objects.requireNonNull(txid, "txid");
        if (!TXID.matcher(txid).matches()) {
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
        services = services == null ? List.of() : List.copyOf(services);
        operation = operation == null ? JournalOperation.APPLY : operation;
        if (installedAfter == null && operation != JournalOperation.UNINSTALL) {
            throw new IllegalArgumentException("only an uninstall leaves no installed.json");
        }
    }

    /** An update's journal, keeping nothing of the release it replaces. */
    public Journal(String txid, JournalState state, String fromVersion, String toVersion, String stagingDir,
            String bootId, List<JournalStep> steps, List<String> createdDirs, List<String> prunableDirs,
            List<ClosedApp> closedApps, InstalledState installedAfter) {
        this(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs, prunableDirs, closedApps,
                installedAfter, JournalOperation.APPLY, null, List.of(), null);
    }

    public Journal withState(JournalState newState) {
        return new Journal(txid, newState, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, closedApps, installedAfter, operation, keep, services, healthCheck);
    }

    public Journal withClosedApps(List<ClosedApp> apps) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, apps, installedAfter, operation, keep, services, healthCheck);
    }

    public Journal withServices(List<ServiceUnit> stopped) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, closedApps, installedAfter, operation, keep, stopped, healthCheck);
    }

    public Journal withInstalledAfter(InstalledState after) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, closedApps, after, operation, keep, services, healthCheck);
    }

    public Journal withDirs(List<String> created, List<String> prunable) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, created,
                prunable, closedApps, installedAfter, operation, keep, services, healthCheck);
    }

    public Journal withKeep(KeepPrevious k) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, closedApps, installedAfter, operation, k, services, healthCheck);
    }

    public Journal withHealthCheck(BootHealthCheck check) {
        return new Journal(txid, state, fromVersion, toVersion, stagingDir, bootId, steps, createdDirs,
                prunableDirs, closedApps, installedAfter, operation, keep, services, check);
    }

    /** The health check the resume after a reboot runs, if the update has one. */
    public Optional<BootHealthCheck> bootHealthCheck() {
        return Optional.ofNullable(healthCheck);
    }

    /** installed.json after the commit; empty for an uninstall. */
    public Optional<InstalledState> after() {
        return Optional.ofNullable(installedAfter);
    }

    /** What kept releases to make after the commit, if any. */
    public Optional<KeepPrevious> keeping() {
        return Optional.ofNullable(keep);
    }

    /** For messages: "the update to 2.0", "the rollback to 1.0", "the uninstall of 2.0". */
    @JsonIgnore
    public String describe() {
        return switch (operation) {
            case APPLY -> "the update to " + toVersion;
            case ROLLBACK -> "the rollback to " + toVersion;
            case UNINSTALL -> "the uninstall of " + fromVersion;
        };
    }

    /** This journal as rewritten at the commit point: COMMITTED, with the install time. */
    public Journal committedAt(Clock clock) {
        Journal committed = withState(JournalState.COMMITTED);
        return after().map(a -> committed.withInstalledAfter(a.withInstalledAt(clock.instant().toString())))
                .orElse(committed);
    }
}
