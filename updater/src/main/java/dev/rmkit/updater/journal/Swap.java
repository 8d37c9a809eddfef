package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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

    /** Does every rename of a PREPARED journal, makes them durable, and checks the result. */
    void forward(Journal j) throws IOException {
        InstallFiles files = layout.files();
        for (int i = 0; i < j.steps().size(); i++) {
            JournalStep s = j.steps().get(i);
            if (s.displaces()) {
                Path backup = backup(j, s);
                files.createDirectories(backup.getParent());
                files.move(target(s), backup);
                TestHooks.reach("backup-" + i);
            }
            if (s.installs()) {
                for (String dir : j.createdDirs()) {
                    if (s.path().startsWith(dir + "/")) {
                        files.createDirectories(layout.resolve(dir));
                    }
                }
                files.move(staged(j, s), target(s));
                TestHooks.reach("install-" + i);
            }
        }
        files.sync();
        TestHooks.reach("swapped");
        check(j);
    }

    /**
     * Every target is there with its size, every removal gone (or the directory the release put in its
     * place): the renames did what the journal says.
     */
    private void check(Journal j) throws IOException {
        for (JournalStep s : j.steps()) {
            Path t = target(s);
            if (s.installs() && (!Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS) || Files.size(t) != s.size())) {
                throw new IOException("after the swap " + t + " is not the " + s.size() + "-byte file staged for it");
            }
            boolean nowADirectory = j.createdDirs().contains(s.path()) && Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS);
            if (!s.installs() && Files.exists(t, LinkOption.NOFOLLOW_LINKS) && !nowADirectory) {
                throw new IOException("after the swap " + t + " still exists");
            }
        }
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
        new Finisher(layout).finish(j, appsBack);
    }

    /**
     * {@code j}, a COMMITTED journal found by recovery, without its closed apps if the run that committed
     * it had already started them again: recovery must not start them twice.
     */
    public Journal appsRestarted(Journal j) throws IOException {
        return !j.closedApps().isEmpty() && AppsRestarted.recorded(layout, j) ? j.withClosedApps(List.of()) : j;
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
            TestHooks.reach("rollback-" + i);
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
