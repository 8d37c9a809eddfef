package dev.rmkit.updater.releases;

import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.journal.Swap;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The previous releases an install keeps for {@code updater rollback}, in {@code .rmkit/releases/}.
 * Keeping one costs no copy: the swap's backups (the files it displaced) are renamed there after the
 * commit instead of being deleted. Every operation infers what is already done from what exists, so
 * the commit's cleanup can repeat it after a crash.
 */
public final class KeptReleases {

    /** A kept release: its directory's name (the txid of the update that replaced it) and its record. */
    public record Kept(String txid, KeptRelease record) {
        /** Its files, relative to {@code .rmkit/}: what a rollback journal stages from. */
        public String stagingDir() {
            return "releases/" + txid + "/files";
        }
    }

    private static final Pattern TXID = Pattern.compile("[A-Za-z0-9-]+");

    private KeptReleases() {}

    static Path filesDir(InstallLayout layout, String txid) {
        return layout.releaseDir(txid).resolve("files");
    }

    private static Path recordFile(InstallLayout layout, String txid) {
        return layout.releaseDir(txid).resolve("release.json");
    }

    /**
     * Keeps {@code previous}: the backups of swap {@code txid} become its files, then at most
     * {@code releases} kept releases stay (0: none, and the backups are deleted).
     */
    public static void keep(InstallLayout layout, String txid, InstalledState previous, String replacedBy, int releases,
            String keptAt) throws IOException {
        Path backup = layout.backupDir(txid);
        if (releases == 0) {
            Swap.deleteTree(backup);
            prune(layout, 0);
            return;
        }
        Path files = filesDir(layout, txid);
        Files.createDirectories(layout.releaseDir(txid));
        if (Files.isDirectory(backup, LinkOption.NOFOLLOW_LINKS) && !Files.exists(files, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(backup, files, StandardCopyOption.ATOMIC_MOVE);
            Durable.syncDir(layout.backupRoot());
        }
        Files.createDirectories(files); // an update that only added files displaced nothing
        if (!Files.exists(recordFile(layout, txid))) {
            long seq = list(layout).stream().mapToLong(k -> k.record().seq()).max().orElse(0) + 1;
            StateJson.write(recordFile(layout, txid), new KeptRelease(seq, previous, replacedBy, keptAt));
        }
        prune(layout, releases);
    }

    /** The kept releases, newest first; a directory without its record (a keep cut short) is not one. */
    public static List<Kept> list(InstallLayout layout) throws IOException {
        List<Kept> out = new ArrayList<>();
        if (!Files.isDirectory(layout.releasesRoot(), LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(layout.releasesRoot())) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String txid = d.getFileName().toString();
                Path rec = d.resolve("release.json");
                if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(rec, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new Kept(txid, StateJson.read(rec, KeptRelease.class)));
                }
            }
        }
        out.sort(Comparator.comparingLong((Kept k) -> k.record().seq()).reversed());
        return out;
    }

    /** The newest kept release: the one {@code rollback} goes back to. */
    public static Optional<Kept> newest(InstallLayout layout) throws IOException {
        return list(layout).stream().findFirst();
    }

    /** Deletes all but the newest {@code keep} kept releases, and any directory that is not a kept release. */
    public static void prune(InstallLayout layout, int keep) throws IOException {
        if (!Files.isDirectory(layout.releasesRoot(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> keepTxids = list(layout).stream().limit(keep).map(Kept::txid).toList();
        List<Path> all;
        try (Stream<Path> dirs = Files.list(layout.releasesRoot())) {
            all = dirs.toList();
        }
        for (Path d : all) {
            String name = d.getFileName().toString();
            if (TXID.matcher(name).matches() && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !keepTxids.contains(name)) {
                Swap.deleteTree(d);
            }
        }
        if (keep == 0) {
            try {
                Files.deleteIfExists(layout.releasesRoot());
            } catch (DirectoryNotEmptyException e) {
                // Something the updater did not put there: it stays.
            }
        }
    }

    /** Removes a kept release that a rollback used up. */
    public static void discard(InstallLayout layout, String txid) throws IOException {
        Swap.deleteTree(layout.releaseDir(txid));
    }
}
