package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.releases.KeptReleases;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What follows the commit point of a swap, for each {@link JournalOperation}. Every step infers what is
 * already done from what exists, so recovery can run it again after a crash anywhere in it. Every
 * change goes through {@link InstallFiles} (no link followed, renamed or deleted), and every directory
 * whose entries changed is fsync'd before the journal goes.
 *
 * <p>Update: the apps back (recorded first, see {@link AppsRestarted}); installed.json; the previous
 * release kept (the backups renamed into {@code .rmkit/releases/}) or the backups deleted; emptied directories pruned; staging deleted;
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

    /** {@code launched}: the apps were started before the commit, with their record ({@link Transaction}). */
    void finish(Journal j, Optional<Runnable> appsBack, boolean launched) throws IOException {
        InstallFiles files = layout.files();
        if (appsBack.isPresent() && launched) {
            appsBack.get().run(); // the rest of what follows their launch: they are not started a second time
        } else if (appsBack.isPresent()) {
            if (!j.closedApps().isEmpty()) {
                AppsRestarted.record(layout, j);
            }
            try {
                appsBack.get().run();
            } finally {
                // The commit record's rename, left unsynced until the launch (Transaction), made durable now.
                Durable.syncDir(layout.stateDir());
            }
            TestHooks.reach("apps-restarted");
        }
        if (j.operation() == JournalOperation.UNINSTALL) {
            files.delete(layout.installedFile());
            files.sync();
        } else {
            InstalledStore.write(layout, j.after().orElseThrow());
        }
        TestHooks.reach("installed-written");
        if (j.keeping().isPresent()) {
            KeptReleases.keep(layout, j.txid(), j.keeping().get().previous(), j.toVersion(), j.keeping().get().releases(),
                    j.after().orElseThrow().installedAt());
        } else {
            files.deleteTree(layout.backupDir(j.txid()));
            files.sync();
        }
        TestHooks.reach("backups-deleted");
        for (String dir : j.prunableDirs()) {
            files.removeEmptyDirectory(layout.resolve(dir)); // never a link: a user's link there stays
        }
        Path staging = layout.stateDir().resolve(j.stagingDir());
        files.deleteTree(staging);
        files.sync();
        if (j.operation() == JournalOperation.ROLLBACK) {
            KeptReleases.discard(layout, staging.getParent().getFileName().toString());
        }
        TestHooks.reach("staging-deleted");
        if (j.operation() == JournalOperation.UNINSTALL) {
            removeState();
        } else {
            JournalStore.delete(layout);
            AppsRestarted.remove(layout);
        }
    }

    /**
     * Removes what the updater created in {@code .rmkit/} (the journal and the lock last: until the
     * journal goes, a crash is finished by resume), then {@code .rmkit/} and the install directory if
     * nothing else is in them. A link standing at one of those names was not made by the updater: it
     * stays, is not followed, and keeps {@code .rmkit/} from being removed. The lock file goes while this
     * run still holds its lock: the OS lock lives on the open file, and a second updater that starts now
     * finds nothing installed.
     */
    void removeState() throws IOException {
        InstallFiles files = layout.files();
        files.deleteOwnWithTemps(layout.stateEntries().stream()
                .filter(e -> !e.equals(layout.journalFile()) && !e.equals(layout.lockFile())).toList());
        files.sync(); // the state is durably gone before the journal that says what remains to do
        TestHooks.reach("state-removed");
        JournalStore.delete(layout);
        files.deleteOwn(layout.lockFile());
        files.sync();
        removeEmptyDirs(layout);
    }

    /** {@code .rmkit/} and then the install directory, each only if it is a real directory and nothing is left in it. */
    static void removeEmptyDirs(InstallLayout layout) {
        try {
            InstallFiles files = layout.files();
            files.removeEmptyDirectory(layout.stateDir());
            files.sync();
            if (InstallFiles.attributes(layout.stateDir()).isEmpty()) {
                Durable.removeEmptyDirectory(layout.installDir()); // a link the caller gave stays
            }
        } catch (IOException e) {
            // Windows: the lock file is deleted only once its handle closes; the caller tries again.
        }
    }
}
