package dev.rmkit.updater.journal;

/**
 * What a journaled swap does to the install. They share every step up to the commit (close the
 * holders, rename, commit, restart) and recovery rules; they differ only in what follows the commit
 * ({@link Finisher}).
 */
public enum JournalOperation {
    /** An update: the previous release is kept for {@code rollback} afterwards (see {@link KeepPrevious}). */
    APPLY,
    /** Back to the kept previous release: its files are the staged ones, and it is used up by the commit. */
    ROLLBACK,
    /** Every installed file removed: after the commit the install's state goes too. */
    UNINSTALL
}
