package dev.rmkit.updater.journal;

/**
 * Where a swap stands. The change from {@link #PREPARED} to {@link #COMMITTED} is one atomic rename
 * of the journal file: that rename is the commit point of the whole update.
 */
public enum JournalState {
    /** Steps listed, renames may be under way: recovery rolls back to the old install. */
    PREPARED,
    /** Every rename is done and durable: recovery rolls forward (installed.json, cleanup). */
    COMMITTED,
    /** Nothing renamed yet; the swap waits for the next boot, when {@code resume} runs it (Linux). */
    PENDING_REBOOT,
    /**
     * The swap's renames are scheduled with the OS, which does them during the next boot (Windows);
     * {@code resume} then checks them and commits, or rolls back what happened if not all did.
     */
    PENDING_BOOT_RENAMES
}
