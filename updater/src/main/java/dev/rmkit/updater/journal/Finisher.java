package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.releases.KeptReleases;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What follows the commit point of a swap, for each {@link JournalOperation}. Every step infers what is
 * already done from what exists, so recovery can run it again after a crash anywhere in it.
 *
 * <p>Update: installed.json; the apps back; the previous release kept (the backups renamed into
 * {@code .rmkit/releases/}) or the backups deleted; emptied directories pruned; staging deleted;
 * the journal deleted. Rollback: the same, except that the backups (the release rolled back from) are
 * deleted and the kept release it went back to is used up. Uninstall: installed.json deleted, the
 * backups deleted, emptied directories pruned, then every entry of {@code .rmkit/} the updater
 * creates, the journal and the lock last, then {@code .rmkit/} and the install directory if empty.
 */
final class Finisher {

    private final InstallLayout layout;

    Finisher(InstallLayout layout) {
        this.layout = layout;
    }

    void finish(Journal j, Optional<Runnable> appsBack) throws IOException {
        if (j.operation() == JournalOperation.UNINSTALL) {
            Durable.delete(layout.installedFile());
        } else {
            InstalledStore.write(layout, j.after().orElseThrow());
        }
        TestHooks.reach("installed-written");
        if (appsBack.isPresent()) {
            if (!j.closedApps().isEmpty()) {
                JournalStore.write(layout, j.withClosedApps(List.of()));
            }
            appsBack.get().run();
        }
        if (j.keeping().isPresent()) {
            KeptReleases.keep(layout, j.txid(), j.keeping().get().previous(), j.toVersion(), j.keeping().get().releases(),
                    j.after().orElseThrow().installedAt());
        } else {
            Swap.deleteTree(layout.backupDir(j.txid()));
        }
        TestHooks.reach("backups-deleted");
        for (String dir : j.prunableDirs()) {
            Swap.removeIfEmpty(layout.resolve(dir));
        }
        Path staging = layout.stateDir().resolve(j.stagingDir());
        Swap.deleteTree(staging);
        if (j.operation() == JournalOperation.ROLLBACK) {
            KeptReleases.discard(layout, staging.getParent().getFileName().toString());
        }
        TestHooks.reach("staging-deleted");
        if (j.operation() == JournalOperation.UNINSTALL) {
            removeState();
        } else {
            JournalStore.delete(layout);
        }
    }

    /**
     * Removes what the updater created in {@code .rmkit/} (the journal and the lock last: until the
     * journal goes, a crash is finished by resume), then {@code .rmkit/} and the install directory if
     * nothing else is in them. The lock file goes while this run still holds its lock: the OS lock
     * lives on the open file, and a second updater that starts now finds nothing installed.
     */
    void removeState() throws IOException {
        for (Path entry : layout.stateEntries()) {
            if (entry.equals(layout.journalFile()) || entry.equals(layout.lockFile())) {
                continue;
            }
            Swap.deleteTree(entry);
            Files.deleteIfExists(entry.resolveSibling("." + entry.getFileName() + ".tmp"));
        }
        TestHooks.reach("state-removed");
        JournalStore.delete(layout);
        Files.deleteIfExists(layout.lockFile());
        removeEmptyDirs(layout);
    }

    /** {@code .rmkit/} and then the install directory, each only if nothing is left in it. */
    static void removeEmptyDirs(InstallLayout layout) {
        for (Path dir : List.of(layout.stateDir(), layout.installDir())) {
            try {
                Files.deleteIfExists(dir);
                Durable.syncDir(dir.getParent());
            } catch (DirectoryNotEmptyException e) {
                return; // files the updater did not create are in it: it stays, and so does its parent
            } catch (IOException e) {
                return; // Windows: the lock file is deleted only once its handle closes; the caller tries again
            }
        }
    }
}
