package dev.rmkit.updater.manifest;

import dev.rmkit.updater.UpdateException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code --manifest} values: a filesystem path, a {@code file:} URI or an http/https URL. A scheme
 * needs at least two letters, so a Windows path like {@code C:\feed\manifest.json} stays a path.
 */
public final class Locations {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    private Locations() {}

    public static URI toUri(String location) throws UpdateException.Usage {
        if (location == null || location.isBlank()) {
            throw new UpdateException.Usage("empty manifest location");
        }
        if (SCHEME.matcher(location).matches()) {
            URI uri;
            try {
                uri = new URI(location);
            } catch (URISyntaxException e) {
                throw new UpdateException.Usage("not a valid URL: " + location + " (" + e.getReason() + ")");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
                throw new UpdateException.Usage("unsupported scheme '" + scheme + "' in " + location + " (use a path, file:, http: or https:)");
            }
            if (!scheme.equals("file") && uri.getHost() == null) {
                throw new UpdateException.Usage("URL without host: " + location);
            }
            return uri;
        }
        try {
            return Path.of(location).toAbsolutePath().normalize().toUri();
        } catch (InvalidPathException e) {
            throw new UpdateException.Usage("not a valid path: " + location);
        }
    }

    /** The detached signature's location: the manifest's path plus {@code .sig}, same query. */
    public static URI signatureOf(URI manifest) {
        try {
            return new URI(manifest.getScheme(), manifest.getRawAuthority() == null ? null : manifest.getAuthority(),
                    manifest.getPath() + ".sig", manifest.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot derive the signature URL of " + manifest, e);
        }
    }
}
