package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.feed.FeedLayout;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.Patch;
import dev.rmkit.updater.manifest.PathRules;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The manifest of a new release: every file of the release directory stored as a blob (a content
 * an earlier release already has is not stored again), with patches from the earlier releases given.
 * URLs are those of the release's own manifest ({@code releases/CHANNEL/VERSION/manifest.json});
 * {@link #forLatest} rewrites them for the top-level {@code manifest.json}.
 */
final class ReleaseMaker {
    private ReleaseMaker() {}

    /** What was made, with the figures publish prints. */
    record Release(Manifest manifest, long totalBytes, int newBlobs, int sharedBlobs, int patches, long patchBytes) {}

    static Release make(FeedDir feed, Path from, String product, String channel, String version, Instant released,
            Instant expires, List<String> removals, boolean rebootRequired, List<Manifest> earlier) throws UpdateException {
        List<Path> sources = SourceTree.list(from);
        List<String> paths = sources.stream().map(p -> SourceTree.relative(from, p)).toList();
        List<String> problems = PathRules.violations(paths, removals);
        if (!problems.isEmpty()) {
            throw new UpdateException.Usage("cannot publish: " + String.join("; ", problems));
        }
        PatchMaker patches = new PatchMaker(feed.blobs(), earlier);
        List<ManifestFile> files = new ArrayList<>();
        long total = 0;
        int added = 0;
        for (int i = 0; i < sources.size(); i++) {
            Blobs.Stored s = feed.blobs().store(sources.get(i));
            added += s.added() ? 1 : 0;
            ManifestFile f = new ManifestFile(paths.get(i), s.size(), s.sha256(), FeedLayout.blobUrlFromRelease(s.sha256()),
                    FileModes.isExecutable(sources.get(i)));
            files.add(patches.withPatches(f, sources.get(i)));
            total += s.size();
        }
        Manifest m = new Manifest(product, channel, version, released, expires, files, removals, rebootRequired);
        return new Release(m, total, added, sources.size() - added, patches.made(), patches.bytes());
    }

    /** The same release with URLs relative to the feed's top-level {@code manifest.json}. */
    static Manifest forLatest(Manifest m) {
        return withUrls(m, ReleaseMaker::latestUrl);
    }

    /** The inverse, for a feed from before release history whose top-level manifest becomes its first release. */
    static Manifest forRelease(Manifest m) {
        return withUrls(m, ReleaseMaker::releaseUrl);
    }

    private static Manifest withUrls(Manifest m, UnaryOperator<String> url) {
        List<ManifestFile> files = new ArrayList<>();
        for (ManifestFile f : m.files()) {
            List<Patch> patches = f.patches().stream()
                    .map(p -> new Patch(p.baseSha256(), p.size(), p.sha256(), url.apply(p.url()))).toList();
            files.add(new ManifestFile(f.path(), f.size(), f.sha256(), url.apply(f.url()), f.executable(), patches));
        }
        return new Manifest(m.product(), m.channel(), m.version(), m.released(), m.expires(), files, m.removals(),
                m.rebootRequired());
    }

    private static String latestUrl(String url) {
        String prefix = "../../../" + FeedLayout.BLOBS;
        return url.startsWith(prefix) ? url.substring("../../../".length()) : url;
    }

    private static String releaseUrl(String url) {
        return url.startsWith(FeedLayout.BLOBS) ? "../../../" + url : url;
    }
}
