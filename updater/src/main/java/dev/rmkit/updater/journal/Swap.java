package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Executes a {@link Journal}: forward (renames, then the commit), finish (after the commit), or
 * rollback (before it). Only renames touch the install, and every method infers what is already done
 * from what exists, so each can be repeated after a crash at any point and ends in the same state.
 *
 * <p>Order: journal PREPARED (durable) → for each step: target→backup, staged→target → fsync of
 * every touched directory → size check of every target → journal COMMITTED (one atomic rename: the
 * commit point) → installed.json (atomic) → backups deleted → emptied directories pruned → staging
 * deleted → journal deleted.
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
        Set<Path> touched = new LinkedHashSet<>();
        for (String dir : j.createdDirs()) {
            Path d = layout.resolve(dir);
            if (!Files.isDirectory(d)) {
                Files.createDirectory(d);
            }
            touched.add(d.getParent());
        }
        for (int i = 0; i < j.steps().size(); i++) {
            JournalStep s = j.steps().get(i);
            if (s.displaces()) {
                Path backup = backup(j, s);
                Files.createDirectories(backup.getParent());
                move(target(s), backup);
                touched.add(backup.getParent());
                TestHooks.reach("backup-" + i);
            }
            if (s.installs()) {
                if (Files.exists(target(s), LinkOption.NOFOLLOW_LINKS)) {
                    // Appeared since the plan: renaming over it would lose it without a backup.
                    throw new FileAlreadyExistsException(target(s).toString(), null, "appeared during the update");
                }
                move(staged(j, s), target(s));
                touched.add(staged(j, s).getParent());
                TestHooks.reach("install-" + i);
            }
            touched.add(target(s).getParent());
        }
        for (Path dir : touched) {
            Durable.syncDir(dir);
        }
        TestHooks.reach("swapped");
        check(j);
    }

    /** Every target is there with its size, every removal gone: the renames did what the journal says. */
    private void check(Journal j) throws IOException {
        for (JournalStep s : j.steps()) {
            Path t = target(s);
            if (s.installs() && (!Files.isRegularFile(t) || Files.size(t) != s.size())) {
                throw new IOException("after the swap " + t + " is not the " + s.size() + "-byte file staged for it");
            }
            if (!s.installs() && Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("after the swap " + t + " still exists");
            }
        }
    }

    /** Everything after the commit point (see {@link Finisher}): installed.json, cleanup, the journal. */
    public void finish(Journal j) throws IOException {
        finish(j, Optional.empty());
    }

    /**
     * As {@link #finish(Journal)}, but runs {@code appsBack} (the restart of the closed apps) once the new
     * release is recorded and before the cleanup: deleting a gigabyte of backups costs time in proportion
     * to the update's size (freeing and discarding its blocks, syncing the directory), and the apps must
     * not wait for it. The journal forgets the closed apps first, so a crash after this point does not
     * make recovery start them a second time.
     */
    public void finish(Journal j, Optional<Runnable> appsBack) throws IOException {
        new Finisher(layout).finish(j, appsBack);
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
     * file goes back to staging (kept for the next attempt), a backup goes back to its target.
     */
    public void rollback(Journal j) throws IOException {
        Set<Path> touched = new LinkedHashSet<>();
        for (int i = j.steps().size() - 1; i >= 0; i--) {
            JournalStep s = j.steps().get(i);
            Path target = target(s);
            Path staged = staged(j, s);
            Path backup = backup(j, s);
            if (s.installs() && !Files.exists(staged, LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(staged.getParent());
                move(target, staged);
                touched.add(staged.getParent());
            }
            if (s.displaces() && Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
                move(backup, target);
            }
            touched.add(target.getParent());
            TestHooks.reach("rollback-" + i);
        }
        List<String> created = new ArrayList<>(j.createdDirs());
        created.sort(Comparator.comparing(String::length).reversed());
        for (String dir : created) {
            removeIfEmpty(layout.resolve(dir));
        }
        for (Path dir : touched) {
            Durable.syncDir(dir);
        }
        deleteTree(layout.backupDir(j.txid()));
        JournalStore.delete(layout);
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    static void removeIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
            Durable.syncDir(dir.getParent());
        } catch (DirectoryNotEmptyException e) {
            // Holds other files (user data, or a file of another step): it stays.
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (NoSuchFileException ignored) {
                // Deleted by an earlier, interrupted run.
            }
        }
        Durable.syncDir(root.getParent());
    }
}
