package dev.rmkit.updater.manifest;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.trust.Ed25519Keys;
import dev.rmkit.updater.trust.SignatureFile;
import dev.rmkit.updater.trust.TrustStore;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
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
        URI uri = Locations.toUri(location);
        byte[] bytes = fetcher.fetchSmall(uri, ManifestParser.MAX_BYTES, "manifest").orElseThrow(() -> notFound(uri));
        URI sigUri = Locations.signatureOf(uri);
        byte[] sigBytes = fetcher.fetchSmall(sigUri, SignatureFile.MAX_BYTES, "signature")
                .orElseThrow(() -> new UpdateException.Rejected("missing signature: " + sigUri + " does not exist"));
        String keyId = verify(bytes, SignatureFile.parse(sigBytes), trust);
        Manifest manifest = ManifestParser.parse(bytes);
        Instant now = clock.instant();
        if (!now.isBefore(manifest.expires())) {
            throw new UpdateException.Rejected("expired: the manifest for " + manifest.product() + " "
                    + manifest.version() + " expired at " + manifest.expires() + " (now " + now + ")");
        }
        return new LoadedManifest(manifest, uri, keyId, sha256(bytes));
    }

    private static String verify(byte[] bytes, SignatureFile sig, TrustStore trust) throws UpdateException {
        Map<String, PublicKey> keys = trust.keys();
        if (keys.isEmpty()) {
            throw new UpdateException.Rejected("unknown key: the install trusts no key yet; pin the publisher's key with --trust KEYFILE");
        }
        PublicKey key = keys.get(sig.keyId());
        if (key == null) {
            throw new UpdateException.Rejected("unknown key: the manifest is signed by key " + sig.keyId()
                    + ", the install trusts " + keys.keySet());
        }
        if (!Ed25519Keys.verify(key, bytes, sig.signature())) {
            throw new UpdateException.Rejected("bad signature: the manifest does not match its Ed25519 signature by key " + sig.keyId());
        }
        return sig.keyId();
    }

    private static UpdateException notFound(URI uri) {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return new UpdateException.Usage("manifest not found: " + uri.getPath());
        }
        return new UpdateException.Unavailable("manifest not found: " + uri, null);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
