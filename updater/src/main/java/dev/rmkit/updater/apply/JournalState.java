package dev.rmkit.updater.apply;

/**
 * Where a swap stands. The change from {@link #PREPARED} to {@link #COMMITTED} is one atomic rename
 * of the journal file: that rename is the commit point of the whole update.
 */
public enum JournalState {
    /** Steps listed, renames may be under way: recovery rolls back to the old install. */
    PREPARED,
    /** Every rename is done and durable: recovery rolls forward (installed.json, cleanup). */
    COMMITTED,
    /** Nothing renamed yet; the swap waits for the next boot, when {@code resume} runs it. */
    PENDING_REBOOT
}
