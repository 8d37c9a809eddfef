package dev.rmkit.updater.feed;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.manifest.Locations;
import dev.rmkit.updater.trust.Root;
import dev.rmkit.updater.trust.SignatureSet;
import dev.rmkit.updater.trust.Threshold;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches a feed's release index and accepts it only if all of this holds, in order: size cap;
 * signed by a threshold of the root's keys (before any JSON is parsed); schema; not expired
 * (freeze); for the installed product (no other feed's index); a version not lower than the highest
 * this install has seen (replay). The same checks a manifest gets, so an index is no weaker a link.
 */
public final class IndexLoader {
    private final Fetcher fetcher;
    private final Clock clock;

    public IndexLoader(Fetcher fetcher, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A verified index and where it came from (release manifests resolve against {@code uri}). */
    public record Loaded(ReleaseIndex index, URI uri) {}

    /** The index's location for {@code --feed}: the feed directory (or its index.json), path or URL. */
    public static URI indexUri(String feed) throws UpdateException.Usage {
        URI uri = Locations.toUri(feed);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/" + FeedLayout.INDEX)) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s + FeedLayout.INDEX : s + "/" + FeedLayout.INDEX);
    }

    /**
     * @param product the installed product, empty for a fresh install
     * @param seen the highest index version this install has verified (0 if none)
     */
    public Loaded load(URI uri, Root root, Optional<String> product, long seen) throws UpdateException {
        byte[] bytes = fetcher.fetchSmall(uri, IndexJson.MAX_BYTES, "index").orElseThrow(() -> notFound(uri));
        URI sigUri = Locations.signatureOf(uri);
        byte[] sig = fetcher.fetchSmall(sigUri, SignatureSet.MAX_BYTES, "index signature")
                .orElseThrow(() -> new UpdateException.Rejected("missing signature: " + sigUri + " does not exist"));
        Threshold.check(bytes, SignatureSet.parse(sig), root, "index");
        ReleaseIndex index = IndexJson.parse(bytes);
        Instant now = clock.instant();
        if (!now.isBefore(index.expires())) {
            throw new UpdateException.Rejected("expired: the release index of " + index.product() + " (version "
                    + index.version() + ") expired at " + index.expires() + " (now " + now + ")");
        }
        if (product.isPresent() && !product.get().equals(index.product())) {
            throw new UpdateException.Rejected("wrong product: the feed's index is for '" + index.product()
                    + "', the install is '" + product.get() + "'");
        }
        if (index.version() < seen) {
            throw new UpdateException.Rejected("index rollback: the feed's index is version " + index.version()
                    + ", this install has already seen version " + seen + " (an older index replayed)");
        }
        return new Loaded(index, uri);
    }

    private static UpdateException notFound(URI uri) {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return new UpdateException.Usage("no release index at " + uri.getPath() + " (publish a release into it first)");
        }
        return new UpdateException.Unavailable("release index not found: " + uri, null);
    }
}
