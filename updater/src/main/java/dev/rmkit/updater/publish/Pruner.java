package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.feed.FeedLayout;
import dev.rmkit.updater.feed.IndexEntry;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.ManifestParser;
import dev.rmkit.updater.manifest.Patch;
import dev.rmkit.updater.manifest.Versions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code publish --prune KEEP}: keeps the KEEP newest releases of each channel and deletes what only
 * the others needed: their manifests, and the blobs no kept release (nor the top-level manifest)
 * names. Runs after the new index is written, so a crash leaves unreferenced files, never a
 * reference to a deleted one. Deletes only what publish creates: blob files named by a SHA-256,
 * release manifests the old index listed; never follows a link.
 */
final class Pruner {
    private Pruner() {}

    /** What pruning removed. */
    record Pruned(List<IndexEntry> releases, int blobs, long bytes) {}

    /** The entries to keep: per channel, the {@code keep} highest versions. */
    static List<IndexEntry> keep(List<IndexEntry> entries, int keep) {
        Map<String, List<IndexEntry>> byChannel = new LinkedHashMap<>();
        for (IndexEntry e : entries) {
            byChannel.computeIfAbsent(e.channel(), c -> new ArrayList<>()).add(e);
        }
        List<IndexEntry> kept = new ArrayList<>();
        for (List<IndexEntry> list : byChannel.values()) {
            list.sort(Comparator.comparing(IndexEntry::version, Versions.ORDER).reversed());
            kept.addAll(list.subList(0, Math.min(keep, list.size())));
        }
        return kept;
    }

    /** Deletes the manifests of {@code dropped} and every blob that {@code kept} and the top-level manifest do not name. */
    static Pruned delete(FeedDir feed, List<IndexEntry> kept, List<IndexEntry> dropped) throws UpdateException {
        Set<String> needed = new HashSet<>();
        for (IndexEntry e : kept) {
            names(feed.manifest(e), needed);
        }
        Optional<byte[]> latest = feed.latest();
        if (latest.isPresent()) {
            try {
                names(ManifestParser.parse(latest.get()), needed);
            } catch (UpdateException.Rejected e) {
                throw new UpdateException.Usage("cannot read the feed's " + FeedLayout.LATEST + ": " + e.getMessage());
            }
        }
        try {
            for (IndexEntry e : dropped) {
                Path m = feed.resolve(e.manifest());
                Files.deleteIfExists(m.resolveSibling(m.getFileName() + FeedLayout.SIG));
                Files.deleteIfExists(m);
                deleteIfEmpty(m.getParent());
                deleteIfEmpty(m.getParent().getParent());
            }
            int count = 0;
            long bytes = 0;
            Path dir = feed.resolve("blobs");
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                    for (Path b : s) {
                        String name = b.getFileName().toString();
                        if (Blobs.NAME.matcher(name).matches() && !needed.contains(name)
                                && Files.isRegularFile(b, LinkOption.NOFOLLOW_LINKS)) {
                            bytes += Files.size(b);
                            Files.delete(b);
                            count++;
                        }
                    }
                }
            }
            return new Pruned(dropped, count, bytes);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("pruning " + feed.dir() + " failed: " + e.getMessage()
                    + " (the index is already written; publish --prune again finishes it)", e);
        }
    }

    private static void names(Manifest m, Set<String> needed) {
        for (ManifestFile f : m.files()) {
            needed.add(f.sha256());
            for (Patch p : f.patches()) {
                needed.add(p.sha256());
            }
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                if (s.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(dir);
        }
    }
}
