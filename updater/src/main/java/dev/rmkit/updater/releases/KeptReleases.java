package dev.rmkit.updater.releases;

import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
     * {@code releases} kept releases stay (0: none, and the backups are deleted). The files are durably
     * in place before the record that makes them a kept release; nothing is done through a link.
     */
    public static void keep(InstallLayout layout, String txid, InstalledState previous, String replacedBy, int releases,
            String keptAt) throws IOException {
        InstallFiles files = layout.files();
        Path backup = layout.backupDir(txid);
        if (releases == 0) {
            files.deleteTree(backup);
            files.sync();
            prune(layout, 0);
            return;
        }
        Path kept = filesDir(layout, txid);
        files.createDirectories(layout.releaseDir(txid));
        if (isDirectory(backup) && InstallFiles.attributes(kept).isEmpty()) {
            files.move(backup, kept);
        }
        files.createDirectories(kept); // an update that only added files displaced nothing
        if (InstallFiles.attributes(recordFile(layout, txid)).isEmpty()) {
            long seq = list(layout).stream().mapToLong(k -> k.record().seq()).max().orElse(0) + 1;
            files.write(recordFile(layout, txid), StateJson.bytes(new KeptRelease(seq, previous, replacedBy, keptAt)));
        }
        files.sync();
        prune(layout, releases);
    }

    /** The kept releases, newest first; a directory without its record (a keep cut short) is not one. */
    public static List<Kept> list(InstallLayout layout) throws IOException {
        List<Kept> out = new ArrayList<>();
        layout.files().check(layout.releasesRoot()); // a link there is refused, not read through
        if (!isDirectory(layout.releasesRoot())) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(layout.releasesRoot())) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String txid = d.getFileName().toString();
                Path rec = d.resolve("release.json");
                if (isDirectory(d) && Files.isRegularFile(rec, LinkOption.NOFOLLOW_LINKS)) {
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

    /**
     * Deletes all but the newest {@code keep} kept releases, and any directory named like one that is not
     * a kept release (a keep cut short); a link or anything else put there stays.
     */
    public static void prune(InstallLayout layout, int keep) throws IOException {
        if (!isDirectory(layout.releasesRoot())) {
            return;
        }
        List<String> keepTxids = list(layout).stream().limit(keep).map(Kept::txid).toList();
        List<Path> all;
        try (Stream<Path> dirs = Files.list(layout.releasesRoot())) {
            all = dirs.toList();
        }
        InstallFiles files = layout.files();
        for (Path d : all) {
            String name = d.getFileName().toString();
            if (TXID.matcher(name).matches() && isDirectory(d) && !keepTxids.contains(name)) {
                files.deleteTree(d);
            }
        }
        if (keep == 0) {
            files.removeEmptyDirectory(layout.releasesRoot()); // something the updater did not put there keeps it
        }
        files.sync();
    }

    /** Removes a kept release that a rollback used up. */
    public static void discard(InstallLayout layout, String txid) throws IOException {
        InstallFiles files = layout.files();
        files.deleteTree(layout.releaseDir(txid));
        files.sync();
    }

    /** A real directory, not a link to one. */
    private static boolean isDirectory(Path p) throws IOException {
        return InstallFiles.attributes(p).filter(a -> a.isDirectory() && !InstallFiles.isLink(a)).isPresent();
    }
}
