package dev.rmkit.updater.reboot;

import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalStep;
import dev.rmkit.updater.journal.Swap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DESIGN step 9 on Windows: the swap's renames are handed to the OS, which performs them early in
 * the next boot, before any app can open the files ({@code MoveFileEx} with
 * {@code MOVEFILE_DELAY_UNTIL_REBOOT}): per step, the current file to the backup, then the staged file
 * onto the target, in journal order. Windows has no boot id the updater can read, so {@code resume}
 * recognises "after the boot" by the OS itself: none of these renames is pending any more. It then
 * checks what happened: every target with its SHA-256, every backup present, every staged file gone
 * means the swap happened and is committed; anything less (a rename the OS could not do) is rolled
 * back by the same renames as a crashed swap, so the install is exactly old or exactly new.
 * Linux renames nothing at boot; there the journal's own swap runs after the boot instead.
 */
public final class BootRenames {

    private BootRenames() {}

    /** The renames that do {@code j}'s swap at boot, in order. */
    static List<PendingReplacement> renames(InstallLayout layout, Journal j) {
        Swap swap = new Swap(layout);
        List<PendingReplacement> out = new ArrayList<>();
        for (JournalStep s : j.steps()) {
            if (s.displaces()) {
                out.add(new PendingReplacement(swap.target(s), Optional.of(swap.backup(j, s))));
            }
            if (s.installs()) {
                out.add(new PendingReplacement(swap.staged(j, s), Optional.of(swap.target(s))));
            }
        }
        return out;
    }

    /**
     * Creates the directories the renames need (MoveFileEx wants the target's directory to exist) and
     * schedules every rename.
     *
     * @throws RmException if the first rename could not be scheduled: nothing is scheduled
     * @throws UpdateException.ApplyFailed if a later one failed: the journal stays, and resume after the
     *     boot rolls the partial renames back
     */
    static void schedule(InstallLayout layout, Journal j, SystemControl system)
            throws IOException, RmException, UpdateException {
        List<PendingReplacement> all = renames(layout, j);
        try {
            prepare(layout, j, all);
        } catch (IOException e) {
            undoDirectories(layout, j);
            throw e;
        }
        for (int i = 0; i < all.size(); i++) {
            try {
                system.replaceAtReboot(all.get(i));
            } catch (RmException e) {
                if (i == 0) {
                    undoDirectories(layout, j);
                    throw e;
                }
                throw new UpdateException.ApplyFailed("only " + i + " of the " + all.size() + " renames could be scheduled for"
                        + " the next boot (" + e.getMessage() + "); after the boot updater resume puts the install back"
                        + " to " + (j.fromVersion().isEmpty() ? "as it was" : j.fromVersion()), e);
            }
        }
    }

    /**
     * Creates the directories the renames need (a file that becomes a directory cannot wait for the
     * boot, so that is refused here) and checks that no rename goes through a link. The OS renames at
     * boot, long after this check: a link made in between is not seen (docs/security.md).
     */
    private static void prepare(InstallLayout layout, Journal j, List<PendingReplacement> all) throws IOException {
        Swap swap = new Swap(layout);
        InstallFiles files = layout.files();
        for (String dir : j.createdDirs()) {
            files.createDirectories(layout.resolve(dir));
        }
        for (JournalStep s : j.steps()) {
            if (s.displaces()) {
                files.createDirectories(swap.backup(j, s).getParent());
            }
        }
        for (PendingReplacement r : all) {
            files.check(r.source());
            files.check(r.target().orElseThrow());
        }
        files.sync();
    }

    /** Nothing was scheduled: the directories made for the renames go again, so nothing changed. */
    static void undoDirectories(InstallLayout layout, Journal j) throws IOException {
        InstallFiles files = layout.files();
        files.deleteOwn(layout.backupDir(j.txid())); // a link there was not made for the renames: it stays
        List<String> created = new ArrayList<>(j.createdDirs());
        created.sort(java.util.Comparator.comparing(String::length).reversed());
        for (String dir : created) {
            files.removeEmptyDirectory(layout.resolve(dir)); // something put there meanwhile stays
        }
        files.sync();
    }

    /** What the boot did to a swap scheduled with {@link #schedule}. */
    public enum Outcome {
        /** Some of these renames are still scheduled: the boot has not happened. */
        NOT_YET,
        /** Every rename happened: the install holds exactly the new release. */
        DONE,
        /** The boot is over but not every rename happened. */
        PARTIAL
    }

    public static Outcome check(InstallLayout layout, Journal j, SystemControl system) throws RmException, IOException {
        Path root = layout.installDir();
        for (PendingReplacement p : system.pendingReplacements()) {
            if (p.source().startsWith(root) || p.target().filter(t -> t.startsWith(root)).isPresent()) {
                return Outcome.NOT_YET;
            }
        }
        Swap swap = new Swap(layout);
        InstallFiles files = layout.files();
        for (JournalStep s : j.steps()) {
            Path target = swap.target(s);
            if (s.displaces() && !Files.exists(swap.backup(j, s), LinkOption.NOFOLLOW_LINKS)) {
                return Outcome.PARTIAL;
            }
            if (s.installs() && (Files.exists(swap.staged(j, s), LinkOption.NOFOLLOW_LINKS)
                    || files.linkOnPath(target).isPresent() || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    || !Sha256.hex(target).equals(s.sha256()))) {
                return Outcome.PARTIAL; // a link on the way is never read as the release's file
            }
            if (!s.installs() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return Outcome.PARTIAL;
            }
        }
        return Outcome.DONE;
    }
}
