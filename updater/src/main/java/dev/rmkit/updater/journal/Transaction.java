package dev.rmkit.updater.journal;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Runs one journaled swap to its end: journal, renames, commit, cleanup; or, on any failure before
 * the commit, a rollback by renames that leaves the install exactly as it was.
 */
public final class Transaction {

    private Transaction() {}

    /** What happened after the commit point. */
    public record Committed(Journal journal, String cleanupProblem) {
        public boolean clean() {
            return cleanupProblem.isEmpty();
        }
    }

    /**
     * @param prepared a PREPARED journal whose staged files all exist
     * @throws UpdateException.ApplyFailed if the swap failed; the install is back to the old version
     *     (or, if even the rollback failed, the journal is kept for {@code updater resume})
     */
    public static Committed run(InstallLayout layout, Journal prepared, Clock clock) throws UpdateException {
        return run(layout, prepared, clock, Optional.empty());
    }

    /**
     * As {@link #run(InstallLayout, Journal, Clock)}; {@code appsBack} runs once the update is committed
     * and recorded, before the cleanup (see {@link Swap#finish(Journal, Optional)}). It does not run if the
     * swap failed or the recording did: the caller must then restart the apps itself.
     */
    public static Committed run(InstallLayout layout, Journal prepared, Clock clock, Optional<Runnable> appsBack)
            throws UpdateException {
        return run(layout, prepared, clock, appsBack, JournalDrafts.none(layout));
    }

    /**
     * As {@link #run(InstallLayout, Journal, Clock, Optional)}, with the journals drafted before the close
     * ({@link JournalDrafts}): used where they are the journals this swap writes.
     *
     * <p>With apps to start again ({@code appsBack}), the COMMITTED draft's rename is the last thing before
     * their launch and its directory fsync the first thing after it: one fsync less while they are down. The
     * swap's own renames are durable before that rename, so a COMMITTED journal on disk always means a
     * complete swap on disk. A crash of the updater after the rename finds it (the page cache holds it) and
     * rolls forward; a power loss before the fsync may find PREPARED again and roll back, consistently: the
     * apps launched meanwhile are gone with the machine, and recovery starts them again on the old files.
     */
    public static Committed run(InstallLayout layout, Journal prepared, Clock clock, Optional<Runnable> appsBack,
            JournalDrafts drafts) throws UpdateException {
        return run(layout, prepared, clock, Optional.empty(), appsBack, drafts);
    }

    /**
     * As {@link #run(InstallLayout, Journal, Clock, Optional, JournalDrafts)}, with {@code launch}, which starts
     * the closed apps again, run as soon as the swap's renames are done: before they are made durable and
     * before the commit record, so that no fsync falls between the apps' exit and their launch. It runs only
     * where the journal names closed apps and the record that their launch begins ({@link AppsRestarted},
     * naming this swap) could be written first; otherwise it does not run, and {@code appsBack} starts them
     * after the commit as above. {@code appsBack} runs after the commit in any case and must then not start
     * them a second time.
     *
     * <p>Launched early, the apps run on the new files: from then on nothing rolls back. The renames are made
     * durable, then the COMMITTED journal is written durably. A crash of the updater in between leaves the
     * PREPARED journal, the record and the completed renames (the page cache holds them): recovery makes
     * them durable and rolls forward, without starting the apps again ({@link Swap#renamed}). A power loss
     * in between leaves whatever the disk kept: every rename (rolled forward the same way) or not every one
     * (rolled back, and the apps, gone with the machine, started on the old files). Should the renames or
     * the commit record fail to be made durable, the journal stays PREPARED, {@code appsBack} still runs,
     * and the result says so ({@link Committed#cleanupProblem}): resume finishes the update.
     */
    public static Committed run(InstallLayout layout, Journal prepared, Clock clock, Optional<Runnable> launch,
            Optional<Runnable> appsBack, JournalDrafts drafts) throws UpdateException {
        return finish(begin(layout, prepared, launch, drafts), clock, appsBack, drafts);
    }

    /**
     * A swap whose renames are done, and whose apps were launched where {@code launched}: what {@link
     * #finish} takes to the commit. {@link #begin} returns it.
     */
    public record Begun(Journal prepared, Swap swap, InstallFiles renamed, boolean launched) {}

    /**
     * The first half of {@link #run(InstallLayout, Journal, Clock, Optional, Optional, JournalDrafts)}: the
     * PREPARED journal, the renames, the record that the launch begins and {@code launch}; {@link #finish}
     * must follow. Split so that the renames can start inside the shutdown that closed the apps ({@code
     * ClosingSwap}); between the two the caller may finish what {@code launch} began.
     *
     * @throws UpdateException.ApplyFailed if the swap failed; the install is back to the old version
     */
    public static Begun begin(InstallLayout layout, Journal prepared, Optional<Runnable> launch, JournalDrafts drafts)
            throws UpdateException {
        if (prepared.state() != JournalState.PREPARED) {
            throw new IllegalArgumentException("not a prepared journal: " + prepared.state());
        }
        Swap swap = new Swap(layout);
        try {
            drafts.writePrepared(prepared);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write the journal " + layout.journalFile() + ": "
                    + e.getMessage() + "; nothing was changed", e);
        }
        TestHooks.reach("journal-prepared");
        InstallFiles renamed;
        boolean launched;
        try {
            renamed = swap.rename(prepared);
            launched = launch.isPresent() && !prepared.closedApps().isEmpty() && drafts.recordAppsRestarted(prepared);
        } catch (IOException | RuntimeException e) {
            throw rollBack(swap, prepared, e);
        }
        if (launched) {
            launch.get().run();
        }
        return new Begun(prepared, swap, renamed, launched);
    }

    /** The second half: the renames made durable, the commit, the cleanup (see {@link #begin}). */
    public static Committed finish(Begun begun, Clock clock, Optional<Runnable> appsBack, JournalDrafts drafts)
            throws UpdateException {
        Journal prepared = begun.prepared();
        Swap swap = begun.swap();
        InstallFiles renamed = begun.renamed();
        boolean launched = begun.launched();
        Journal committed;
        if (launched) {
            TestHooks.reach("apps-restarted");
            try {
                renamed.sync();
                TestHooks.reach("swap-durable");
                committed = drafts.writeCommitted(prepared, clock, false);
            } catch (IOException | RuntimeException e) {
                // Nothing rolls back under apps that run the new files: the update stands, not yet durably,
                // and the PREPARED journal (with the record) makes resume finish it.
                if (appsBack.isPresent()) {
                    appsBack.get().run(); // the rest of what follows the launch; they are not started again
                }
                return new Committed(prepared, "the new files are in place and the apps run on them, but making the"
                        + " swap durable failed (" + e.getMessage() + "): a power loss before updater resume finishes"
                        + " it may bring the old release back; run updater resume");
            }
        } else {
            try {
                renamed.sync();
                TestHooks.reach("swapped");
                committed = drafts.writeCommitted(prepared, clock, appsBack.isPresent());
            } catch (IOException | RuntimeException e) {
                throw rollBack(swap, prepared, e);
            }
        }
        TestHooks.reach("committed");
        try {
            swap.finish(committed, appsBack, launched);
            return new Committed(committed, "");
        } catch (IOException e) {
            // The update is in; only cleanup is left, and resume (or the next apply) finishes it.
            return new Committed(committed, "cleanup after the commit failed (" + e.getMessage()
                    + "); run updater resume to finish it");
        }
    }

    private static UpdateException rollBack(Swap swap, Journal prepared, Exception cause) {
        try {
            swap.rollback(prepared);
        } catch (IOException | RuntimeException r) {
            cause.addSuppressed(r);
            return new UpdateException.ApplyFailed("the swap of " + prepared.describe() + " failed ("
                    + cause.getMessage() + ") and so did its rollback (" + r.getMessage()
                    + "); the journal is kept: run updater resume", cause);
        }
        return new UpdateException.ApplyFailed("the swap of " + prepared.describe() + " failed (" + cause
                + "); rolled back, the install is unchanged", cause);
    }
}
