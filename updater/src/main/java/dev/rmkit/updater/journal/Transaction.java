package dev.rmkit.updater.journal;

import dev.rmkit.updater.UpdateException;
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
        Journal committed;
        try {
            swap.forward(prepared);
            committed = drafts.writeCommitted(prepared, clock, appsBack.isPresent());
        } catch (IOException | RuntimeException e) {
            throw rollBack(swap, prepared, e);
        }
        TestHooks.reach("committed");
        try {
            swap.finish(committed, appsBack);
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
