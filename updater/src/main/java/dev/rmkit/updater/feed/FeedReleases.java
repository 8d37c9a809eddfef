package dev.rmkit.updater.feed;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestLoader;
import dev.rmkit.updater.trust.Root;
import dev.rmkit.updater.trust.RootChain;
import dev.rmkit.updater.trust.TrustStore;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * An install pointed at a feed: take the feed's key rotations, verify its index ({@link
 * IndexLoader}), choose the newest release of the install's channel, and load that release's
 * manifest, which must be signed as any manifest and have exactly the size and SHA-256 the index
 * pins, and the product, channel and version the index says; so no manifest of another feed or
 * release can be mixed in. Freshness comes from the index: a release's own manifest may have expired
 * since it was published, the index it is taken through may not.
 */
public final class FeedReleases {
    private final Fetcher fetcher;
    private final IndexLoader indexes;
    private final ManifestLoader manifests;

    public FeedReleases(Fetcher fetcher, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.indexes = new IndexLoader(fetcher, clock);
        this.manifests = new ManifestLoader(fetcher, clock);
    }

    /** A verified index and the root that verified it. */
    public record Verified(IndexLoader.Loaded index, Root root) {}

    /**
     * The feed's verified index. With {@code persistRoot} (apply), each accepted key rotation is saved
     * in {@code trust}; without, nothing is written.
     */
    public Verified index(String feed, TrustStore trust, Optional<String> product, long seen, boolean persistRoot)
            throws UpdateException {
        URI uri = IndexLoader.indexUri(feed);
        Root root = RootChain.update(fetcher, uri, trust, persistRoot);
        return new Verified(indexes.load(uri, root, product, seen), root);
    }

    /** The same from a root held in memory ({@code releases --trust FILE}); nothing is written. */
    public Verified index(String feed, Root trusted) throws UpdateException {
        URI uri = IndexLoader.indexUri(feed);
        Root root = RootChain.update(fetcher, uri, trusted, bytes -> { });
        return new Verified(indexes.load(uri, root, Optional.empty(), 0), root);
    }

    /** The newest release of {@code channel}; Rejected if the feed has none. */
    public static IndexEntry newest(ReleaseIndex index, String channel) throws UpdateException {
        return index.newest(channel).orElseThrow(() -> new UpdateException.Rejected("wrong channel: the feed of "
                + index.product() + " has no release on channel '" + channel + "' (it has "
                + index.releases().stream().map(IndexEntry::channel).distinct().sorted().toList() + ")"));
    }

    /** The manifest of {@code entry}, verified and pinned by the index. */
    public LoadedManifest manifest(Verified v, IndexEntry entry) throws UpdateException {
        URI uri = v.index().uri().resolve(entry.manifest());
        LoadedManifest loaded = manifests.load(uri, v.root(), (int) Math.min(entry.size(), IndexJson.MAX_BYTES), false);
        Manifest m = loaded.manifest();
        if (!loaded.sha256OfManifest().equals(entry.sha256())) {
            throw new UpdateException.Rejected("mix-and-match: the manifest at " + uri + " has SHA-256 "
                    + loaded.sha256OfManifest() + ", the index pins " + entry.sha256());
        }
        if (!m.product().equals(v.index().index().product()) || !m.channel().equals(entry.channel())
                || !m.version().equals(entry.version())) {
            throw new UpdateException.Rejected("mix-and-match: the manifest at " + uri + " is " + m.product() + " "
                    + m.version() + " (" + m.channel() + "), the index lists " + v.index().index().product() + " "
                    + entry.version() + " (" + entry.channel() + ")");
        }
        return loaded;
    }
}
