package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Executes a {@link Journal}: forward (renames, then the commit), finish (after the commit), or
 * rollback (before it). Only renames touch the install, all through {@link InstallFiles} (so none
 * goes through a symbolic link and none replaces a file), and every method infers what is already
 * done from what exists, so each can be repeated after a crash at any point and ends in the same state.
 *
 * <p>Order: journal PREPARED (durable) → for each step: target→backup, the directories the step needs,
 * staged→target → fsync of every directory whose entries changed (backup directories and their
 * parents included) → size check of every target → journal COMMITTED (one atomic rename: the commit
 * point; where apps are started again, its fsync follows their launch, see {@link Transaction}) → what follows the commit ({@link Finisher}: the closed apps started again, installed.json,
 * the previous release kept or the backups deleted, emptied directories pruned, staging deleted, the
 * journal deleted). Directories are
 * created step by step, after the removals before them, so a managed file can become a directory of
 * the next release.
 */
public final class Swap {

    private final InstallLayout layout;

    public Swap(InstallLayout layout) {
        this.layout = layout;
    }

    public Path target(JournalStep s) {
        return layout.resolve(s.path());
    }

    public Path backup(Journal j, JournalStep s) {
        return layout.backupDir(j.txid()).resolve(s.path());
    }

    public Path staged(Journal j, JournalStep s) {
        return layout.stateDir().resolve(j.stagingDir()).resolve(s.path());
    }

    /**
     * Does every rename of a PREPARED journal and checks the result, without making them durable: the
     * directories they changed are left in the returned {@link InstallFiles}, for its {@code sync()}.
     */
    InstallFiles rename(Journal j) throws IOException {
        InstallFiles files = layout.files();
        for (int i = 0; i < j.steps().size(); i++) {
            JournalStep s = j.steps().get(i);
            if (s.displaces()) {
                moveToBackup(files, target(s), backup(j, s));
                TestHooks.reach("backup-", i);
            }
            if (s.installs()) {
                for (String dir : j.createdDirs()) {
                    if (s.path().startsWith(dir + "/")) {
                        files.createDirectories(layout.resolve(dir));
                    }
                }
                if (s.displaces()) {
                    files.moveToVacant(staged(j, s), target(s)); // its old file just went to the backup
                } else {
                    files.move(staged(j, s), target(s));
                }
                TestHooks.reach("install-", i);
            }
        }
        check(j);
        return files;
    }

    /**
     * Renames {@code target} to {@code backup}, creating the backup's directories only where the rename
     * finds them missing: {@link JournalDrafts} made them before the close, and checking them again before
     * each rename cost the window three more {@code stat} calls a step ({@link InstallFiles#move} checks
     * every directory on both paths anyway). A target that is missing itself fails again after that, with
     * the backup's directories made, which the rollback and the cleanup remove.
     */
    private static void moveToBackup(InstallFiles files, Path target, Path backup) throws IOException {
        try {
            files.moveToVacant(target, backup);
        } catch (NoSuchFileException noDirectory) {
            files.createDirectories(backup.getParent());
            files.moveToVacant(target, backup);
        }
    }

    /**
     * True if every rename of the PREPARED journal {@code j} is done: each new file in place with its size
     * and gone from staging, each displaced file in the backup. (Recovery asks this of a swap whose apps
     * were started on the new files before the commit record: see {@link Transaction}.)
     */
    boolean renamed(Journal j) throws IOException {
        try {
            check(j);
        } catch (IOException notYet) {
            return false;
        }
        for (JournalStep s : j.steps()) {
            if (s.installs() && Files.exists(staged(j, s), LinkOption.NOFOLLOW_LINKS)
                    || s.displaces() && !Files.exists(backup(j, s), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes the renames of {@code j} durable when the run that did them did not live to: an fsync of
     * every directory a rename of the swap could have changed (each target's, backup's and staged file's,
     * and the parents of the directories it created or filled).
     */
    void syncRenames(Journal j) throws IOException {
        InstallFiles files = layout.files();
        for (JournalStep s : j.steps()) {
            for (Path p : List.of(target(s), backup(j, s), staged(j, s))) {
                for (Path d = p.getParent(); d != null && d.startsWith(layout.installDir()); d = d.getParent()) {
                    if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                        files.changed(d);
                    }
                    if (d.equals(layout.installDir())) {
                        break;
                    }
                }
            }
        }
        files.sync();
    }

    /**
     * Every target is there with its size, every removal gone (or the directory the release put in its
     * place): the renames did what the journal says.
     */
    private void check(Journal j) throws IOException {
        for (JournalStep s : j.steps()) {
            Path t = target(s);
            if (s.installs() && !isFileOfSize(t, s.size())) {
                throw new IOException("after the swap " + t + " is not the " + s.size() + "-byte file staged for it");
            }
            boolean nowADirectory = j.createdDirs().contains(s.path()) && Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS);
            if (!s.installs() && Files.exists(t, LinkOption.NOFOLLOW_LINKS) && !nowADirectory) {
                throw new IOException("after the swap " + t + " still exists");
            }
        }
    }

    /** Whether {@code p} is a regular file (not a link) of {@code size} bytes: one {@code stat}. */
    private static boolean isFileOfSize(Path p, long size) throws IOException {
        Optional<BasicFileAttributes> a = InstallFiles.attributes(p);
        return a.isPresent() && a.get().isRegularFile() && a.get().size() == size;
    }

    /** Everything after the commit point (see {@link Finisher}): installed.json, cleanup, the journal. */
    public void finish(Journal j) throws IOException {
        finish(j, Optional.empty());
    }

    /**
     * As {@link #finish(Journal)}, but runs {@code appsBack} (the restart of the closed apps) right after
     * the commit, before installed.json and the cleanup: deleting a gigabyte of backups costs time in
     * proportion to the update's size, and even installed.json's two fsyncs are downtime. The run records
     * first that it starts the apps ({@link AppsRestarted}), so a crash after this point does not make
     * recovery start them a second time ({@link #appsRestarted}).
     */
    public void finish(Journal j, Optional<Runnable> appsBack) throws IOException {
        finish(j, appsBack, false);
    }

    /** As {@link #finish(Journal, Optional)}; {@code launched}: the apps were started before the commit. */
    void finish(Journal j, Optional<Runnable> appsBack, boolean launched) throws IOException {
        new Finisher(layout).finish(j, appsBack, launched);
    }

    /**
     * {@code j}, a COMMITTED journal found by recovery, without its closed apps if the run that committed
     * it had already started them again: recovery must not start them twice.
     */
    public Journal appsRestarted(Journal j) throws IOException {
        return !j.closedApps().isEmpty() && AppsRestarted.recorded(layout, j) ? j.withClosedApps(List.of()) : j;
    }

    /**
     * True if {@code j} is a PREPARED journal whose run started its closed apps on the new files before the
     * commit record ({@link Transaction}): the record of their launch names it and every rename is done.
     * Recovery rolls it forward ({@link #commitLaunched}).
     */
    public boolean launchedBeforeCommit(Journal j) throws IOException {
        return j.state() == JournalState.PREPARED && !j.closedApps().isEmpty() && AppsRestarted.recorded(layout, j)
                && renamed(j);
    }

    /**
     * For recovery: {@code j}, a PREPARED journal found, committed if the run that wrote it had started its
     * closed apps on the new files before the commit record ({@link Transaction}): its record names {@code j}
     * and every rename is done. The renames are made durable, the COMMITTED journal is written durably and
     * returned without its closed apps (they were started once; recovery must not start them again). Empty
     * where that is not so: the swap is rolled back as any PREPARED one.
     */
    public Optional<Journal> commitLaunched(Journal j, Clock clock) throws IOException {
        if (!launchedBeforeCommit(j)) {
            return Optional.empty();
        }
        syncRenames(j);
        Journal committed = j.committedAt(clock);
        JournalStore.write(layout, committed);
        return Optional.of(committed.withClosedApps(List.of()));
    }

    /** What an uninstall leaves of the updater's state: nothing it created (see {@link Finisher}). */
    public static void removeState(InstallLayout layout) throws IOException {
        new Finisher(layout).removeState();
    }

    /** {@code .rmkit/} and then the install directory, each removed only if nothing is left in it. */
    public static void removeEmptyDirs(InstallLayout layout) {
        Finisher.removeEmptyDirs(layout);
    }

    /**
     * Undoes whatever part of a PREPARED journal happened, last step first: a target holding the new
     * file goes back to staging (kept for the next attempt), a backup goes back to its target (after the
     * empty directory the swap created in its place, when a file became a directory). Directories the
     * swap created are removed only while empty and only if they are real directories: whatever else
     * stands there (a user's file, a link) was not created by the swap and stays.
     */
    public void rollback(Journal j) throws IOException {
        InstallFiles files = layout.files();
        for (int i = j.steps().size() - 1; i >= 0; i--) {
            JournalStep s = j.steps().get(i);
            Path target = target(s);
            Path staged = staged(j, s);
            Path backup = backup(j, s);
            if (s.installs() && !Files.exists(staged, LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                files.createDirectories(staged.getParent());
                files.move(target, staged);
            }
            if (s.displaces() && Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
                if (j.createdDirs().contains(s.path())) {
                    files.removeEmptyDirectory(target);
                }
                files.move(backup, target);
            }
            TestHooks.reach("rollback-", i);
        }
        List<String> created = new ArrayList<>(j.createdDirs());
        created.sort(Comparator.comparing(String::length).reversed());
        for (String dir : created) {
            files.removeEmptyDirectory(layout.resolve(dir));
        }
        files.sync(); // the old files are durably back before their backup directory goes
        files.deleteTree(layout.backupDir(j.txid()));
        files.sync();
        JournalStore.delete(layout);
    }
}
