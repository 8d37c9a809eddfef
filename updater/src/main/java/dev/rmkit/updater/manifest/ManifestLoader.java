package dev.rmkit.updater.manifest;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.trust.Root;
import dev.rmkit.updater.trust.RootChain;
import dev.rmkit.updater.trust.SignatureSet;
import dev.rmkit.updater.trust.Threshold;
import dev.rmkit.updater.trust.TrustStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.Objects;

/**
 * Fetches a manifest and its detached signature and hands out a {@link LoadedManifest} only if
 * everything holds, in this order: size cap, signature by a trusted key over the exact bytes (before
 * any JSON is parsed, so an attacker's bytes meet only the signature check), schema, path rules,
 * expiry. Each failure is a Rejected whose message starts with the reason: "missing signature",
 * "unparsable signature file", "unknown key", "bad signature", "schema violation", "unsafe path",
 * "expired", or says the manifest is larger than the limit.
 */
public final class ManifestLoader {
    private final Fetcher fetcher;
    private final Clock clock;

    public ManifestLoader(Fetcher fetcher, Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Fetches {@code location} (path or http/https URL) and {@code location + ".sig"}, checks the size
     * cap, the signature and key against {@code trust}, the schema, the paths and the expiry.
     * Throws Rejected, Unavailable or Usage (a local manifest that does not exist).
     */
    public LoadedManifest load(String location, TrustStore trust) throws UpdateException {
        return load(location, trust, false);
    }

    /**
     * The same, after taking the feed's key rotations ({@link RootChain}) from {@code roots/} next to
     * the manifest; with {@code persistRoot} (apply) each accepted root is saved in {@code trust}.
     */
    public LoadedManifest load(String location, TrustStore trust, boolean persistRoot) throws UpdateException {
        URI uri = Locations.toUri(location);
        Root root = RootChain.update(fetcher, uri, trust, persistRoot);
        return load(uri, root, ManifestParser.MAX_BYTES, true);
    }

    /**
     * Fetches the manifest at {@code uri} (at most {@code maxBytes}) and its signature, checks that a
     * threshold of {@code root}'s keys signed it, the schema and the paths, and with {@code
     * checkExpiry} its expiry (a release taken through a fresh signed index is pinned by the index's
     * hash and expiry instead, so its own may have passed).
     */
    public LoadedManifest load(URI uri, Root root, int maxBytes, boolean checkExpiry) throws UpdateException {
        byte[] bytes = fetcher.fetchSmall(uri, Math.min(maxBytes, ManifestParser.MAX_BYTES), "manifest")
                .orElseThrow(() -> notFound(uri));
        URI sigUri = Locations.signatureOf(uri);
        byte[] sigBytes = fetcher.fetchSmall(sigUri, SignatureSet.MAX_BYTES, "signature")
                .orElseThrow(() -> new UpdateException.Rejected("missing signature: " + sigUri + " does not exist"));
        Set<String> keyIds = Threshold.check(bytes, SignatureSet.parse(sigBytes), root, "manifest");
        Manifest manifest = ManifestParser.parse(bytes);
        Instant now = clock.instant();
        if (checkExpiry && !now.isBefore(manifest.expires())) {
            throw new UpdateException.Rejected("expired: the manifest for " + manifest.product() + " "
                    + manifest.version() + " expired at " + manifest.expires() + " (now " + now + ")");
        }
        return new LoadedManifest(manifest, uri, String.join(",", keyIds), Sha256.hex(bytes));
    }

    private static UpdateException notFound(URI uri) {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return new UpdateException.Usage("manifest not found: " + uri.getPath());
        }
        return new UpdateException.Unavailable("manifest not found: " + uri, null);
    }
}
