package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.feed.FeedLayout;
import dev.rmkit.updater.feed.IndexEntry;
import dev.rmkit.updater.feed.ReleaseIndex;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestJson;
import dev.rmkit.updater.manifest.ManifestParser;
import dev.rmkit.updater.manifest.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The releases a feed has before this publish: its index, or for a feed written before release
 * history existed, its one top-level manifest, which {@link #migrate} turns into the first entry of
 * the history so nothing published before is lost.
 */
final class History {
    private final Optional<ReleaseIndex> index;
    private final Optional<Manifest> latest;
    private List<IndexEntry> entries;

    private History(Optional<ReleaseIndex> index, Optional<Manifest> latest) {
        this.index = index;
        this.latest = latest;
        this.entries = index.map(i -> new ArrayList<>(i.releases())).orElseGet(ArrayList::new);
    }

    static History read(FeedDir feed) throws UpdateException {
        Optional<byte[]> bytes = feed.latest();
        Optional<Manifest> latest = Optional.empty();
        if (bytes.isPresent()) {
            try {
                latest = Optional.of(ManifestParser.parse(bytes.get()));
            } catch (UpdateException.Rejected e) {
                throw new UpdateException.Usage("cannot read the feed's current manifest " + feed.resolve(FeedLayout.LATEST)
                        + ": " + e.getMessage());
            }
        }
        return new History(feed.index(), latest);
    }

    boolean isEmpty() {
        return index.map(i -> i.releases().isEmpty()).orElse(true) && latest.isEmpty();
    }

    Optional<String> product() {
        return index.map(ReleaseIndex::product).or(() -> latest.map(Manifest::product));
    }

    /** The channel of the release published last. */
    Optional<String> latestChannel() {
        return latest.map(Manifest::channel).or(() -> index.flatMap(i -> i.releases().stream().findFirst()).map(IndexEntry::channel));
    }

    long indexVersion() {
        return index.map(ReleaseIndex::version).orElse(0L);
    }

    /** A channel moves forward: never to a version its clients would refuse as older (the same version is re-published). */
    void checkSuccession(String channel, String version) throws UpdateException {
        Optional<String> newest = index.isPresent() ? index.get().newest(channel).map(IndexEntry::version)
                : latest.filter(m -> m.channel().equals(channel)).map(Manifest::version);
        if (newest.isPresent() && Versions.isValid(newest.get()) && Versions.compare(version, newest.get()) < 0) {
            throw new UpdateException.Usage("version " + version + " is older than the feed's current " + newest.get()
                    + "; clients would refuse it");
        }
    }

    /**
     * The entries to write the next index from (mutable). A feed without an index gets its top-level
     * manifest as a release manifest (URLs rewritten, signed with the keys given) and as the first entry.
     */
    List<IndexEntry> migrate(FeedDir feed, Signer signer) throws UpdateException {
        if (index.isEmpty() && latest.isPresent()) {
            Manifest m = ReleaseMaker.forRelease(latest.get());
            byte[] bytes = FeedPublisher.checked(ManifestJson.write(m));
            String path = FeedLayout.releaseManifest(m.channel(), m.version());
            feed.writeSigned(path, bytes, signer.sign(bytes));
            entries = new ArrayList<>(List.of(new IndexEntry(m.version(), m.channel(), m.released(), path, bytes.length,
                    Sha256.hex(bytes))));
        }
        return entries;
    }

    /** The manifests of the {@code k} highest other versions of {@code channel}: the bases for patches. */
    List<Manifest> earlier(FeedDir feed, String channel, String version, int k) throws UpdateException {
        List<Manifest> out = new ArrayList<>();
        List<IndexEntry> list = new ReleaseIndex("x", 0, java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(1), entries)
                .channel(channel);
        for (IndexEntry e : list) {
            if (out.size() >= k) {
                break;
            }
            if (!e.version().equals(version)) {
                out.add(feed.manifest(e));
            }
        }
        return out;
    }
}
