package dev.rmkit.updater.manifest;

import java.net.URI;
import java.util.Objects;

/**
 * A manifest whose signature, schema, paths and expiry were checked by {@link ManifestLoader}.
 *
 * @param manifest the release
 * @param base the manifest's own URI; file URLs resolve against it
 * @param keyId id of the trusted key that signed it
 * @param sha256OfManifest lower-case hex SHA-256 of the exact manifest bytes (for journals and reports)
 */
public record LoadedManifest(Manifest manifest, URI base, String keyId, String sha256OfManifest) {
    public LoadedManifest {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(sha256OfManifest, "sha256OfManifest");
    }

    /** Where the content of {@code file} is fetched from. */
    public URI urlOf(ManifestFile file) {
        return base.resolve(URI.create(file.url()));
    }
}
