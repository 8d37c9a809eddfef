package dev.rmkit.updater.apply;

import dev.rmkit.rm.BootIds;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalOperation;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.JournalStep;
import dev.rmkit.updater.journal.JournalStore;
import dev.rmkit.updater.journal.Journals;
import dev.rmkit.rm.BusyHandle;
import dev.rmkit.updater.journal.Swap;
import dev.rmkit.updater.journal.Transaction;
import dev.rmkit.updater.reboot.BootRenames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finishes whatever swap a previous run left unfinished, deciding by the journal alone: before the
 * commit record it rolls back, after it rolls forward, and a swap waiting for a reboot runs once the
 * boot id names another boot ({@link BootIds#sameBoot}). Called by {@code resume} and at the start of every {@code apply}, under the
 * install lock. Repeating it after a crash during it is safe.
 */
public final class Recovery {

    private Recovery() {}

    /** What recovery found and did. */
    public enum Kind {
        /** No journal: the last run finished. */
        NOTHING,
        /** An interrupted swap was undone: the install is the old version. */
        ROLLED_BACK,
        /** A committed swap was finished: the install is the new version. */
        ROLLED_FORWARD,
        /** A swap that waited for a reboot ran after it: the install is the new version. */
        COMPLETED_AFTER_REBOOT,
        /** A swap waits for a reboot that has not happened yet. */
        PENDING_REBOOT
    }

    /**
     * @param kind what happened
     * @param journal the journal that was found (absent for {@link Kind#NOTHING})
     * @param cleanupProblem after a commit, why cleanup is incomplete; empty when it is complete
     */
    public record Result(Kind kind, Optional<Journal> journal, String cleanupProblem) {
        static Result nothing() {
            return new Result(Kind.NOTHING, Optional.empty(), "");
        }
    }

    /**
     * @param bootId the current boot's id
     * @param system asked whether renames scheduled for the boot are still pending (Windows)
     * @throws UpdateException.ApplyFailed if the journal cannot be read, a rollback fails, or a
     *     pending swap failed (and was rolled back)
     */
    public static Result recover(InstallLayout layout, String bootId, Clock clock) throws UpdateException {
        return recover(layout, bootId, () -> {
            throw new IllegalStateException("a swap waiting for boot-time renames needs the system side");
        }, clock);
    }

    /**
     * @param bootId the current boot's id
     * @param system asked whether renames scheduled for the boot are still pending (Windows)
     * @throws UpdateException.ApplyFailed if the journal cannot be read, a rollback fails, or a
     *     pending swap failed (and was rolled back)
     */
    public static Result recover(InstallLayout layout, String bootId, Supplier<SystemControl> system, Clock clock)
            throws UpdateException {
        Optional<Journal> found;
        try {
            found = JournalStore.read(layout);
        } catch (IOException e) {
            throw UpdateException.stateUnreadable("the journal of an unfinished update", e);
        }
        if (found.isEmpty()) {
            return Result.nothing();
        }
        Journal j = found.get();
        Swap swap = new Swap(layout);
        try {
            switch (j.state()) {
                case PREPARED -> {
                    Optional<Journal> launched = swap.commitLaunched(j, clock); // its apps run the new files
                    if (launched.isPresent()) {
                        swap.finish(launched.get());
                        return new Result(Kind.ROLLED_FORWARD, launched, "");
                    }
                    swap.rollback(j);
                    return new Result(Kind.ROLLED_BACK, found, "");
                }
                case COMMITTED -> {
                    Journal left = swap.appsRestarted(j); // read before finish removes the record
                    swap.finish(left);
                    return new Result(Kind.ROLLED_FORWARD, Optional.of(left), "");
                }
                case PENDING_REBOOT -> {
                    if (BootIds.sameBoot(j.bootId(), bootId)) {
                        return new Result(Kind.PENDING_REBOOT, found, "");
                    }
                    return runPending(layout, swap, j, system, clock);
                }
                case PENDING_BOOT_RENAMES -> {
                    return afterBootRenames(layout, swap, j, system.get(), clock);
                }
                default -> throw new IllegalStateException("unknown journal state " + j.state());
            }
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("recovering the unfinished update to " + j.toVersion() + " failed ("
                    + e.getMessage() + "); the journal is kept: run updater resume again", e);
        }
    }

    private static Result afterBootRenames(InstallLayout layout, Swap swap, Journal j, SystemControl system, Clock clock)
            throws UpdateException, IOException {
        BootRenames.Outcome o;
        try {
            o = BootRenames.check(layout, j, system);
        } catch (RmException e) {
            throw new UpdateException.ApplyFailed("cannot read the renames pending for the boot: " + e.getMessage(), e);
        }
        switch (o) {
            case NOT_YET -> {
                return new Result(Kind.PENDING_REBOOT, Optional.of(j), "");
            }
            case DONE -> {
                Journal committed = j.committedAt(clock);
                JournalStore.write(layout, committed);
                try {
                    swap.finish(committed);
                    return new Result(Kind.COMPLETED_AFTER_REBOOT, Optional.of(committed), "");
                } catch (IOException e) {
                    return new Result(Kind.COMPLETED_AFTER_REBOOT, Optional.of(committed), "cleanup after the commit failed ("
                            + e.getMessage() + "); run updater resume to finish it");
                }
            }
            default -> {
                swap.rollback(j);
                return new Result(Kind.ROLLED_BACK, Optional.of(j), "not every rename scheduled for the boot happened;"
                        + " the ones that did were undone");
            }
        }
    }

    private static Result runPending(InstallLayout layout, Swap swap, Journal pending, Supplier<SystemControl> system,
            Clock clock) throws UpdateException, IOException {
        for (JournalStep s : pending.steps()) {
            if (s.installs()) {
                verifyStaged(swap.staged(pending, s), s, layout, pending);
            }
        }
        Journal prepared = Journals.withCurrentDirs(layout, pending.withState(JournalState.PREPARED));
        Transaction.Committed c;
        try (BusyHandle hold = ShutdownHold.during(system, "installing " + pending.toVersion() + " in " + layout.installDir())) {
            c = Transaction.run(layout, prepared, clock);
        }
        return new Result(Kind.COMPLETED_AFTER_REBOOT, Optional.of(c.journal()), c.cleanupProblem());
    }

    private static void verifyStaged(Path staged, JournalStep s, InstallLayout layout, Journal pending)
            throws UpdateException, IOException {
        InstallFiles files = layout.files();
        Optional<String> link = files.linkOnPath(staged);
        String actual = link.isPresent() ? "(reached through the symbolic link " + link.get() + ")"
                : Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS) ? Sha256.hex(staged) : "(missing)";
        if (!actual.equals(s.sha256())) {
            // The staged release is damaged: drop the pending swap rather than install a wrong byte.
            JournalStore.delete(layout);
            if (pending.operation() == JournalOperation.APPLY) { // a rollback's kept release stays kept
                files.deleteOwn(layout.stateDir().resolve(pending.stagingDir()));
                files.sync();
            }
            throw new UpdateException.ApplyFailed("the file staged for " + s.path() + " changed while waiting for the"
                    + " reboot: expected SHA-256 " + s.sha256() + ", found " + actual
                    + "; " + pending.describe() + " that waited for it was dropped, the install is unchanged", null);
        }
    }
}
