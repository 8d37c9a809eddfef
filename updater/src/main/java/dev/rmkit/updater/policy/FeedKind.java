package dev.rmkit.updater.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What a policy's {@code feed} names, from its spelling alone (docs/unattended.md): a feed's signed
 * release index when it ends in {@code /} (the feed's directory) or its last segment is
 * {@code index.json}; otherwise one manifest, as every policy written before feeds kept a history
 * does ({@code .../manifest.json}). Spelling decides, not the network or the disk, so a policy means
 * the same on every machine and every run.
 */
public enum FeedKind {
    /** One manifest (and its {@code .sig}): the release it describes is the one offered. */
    MANIFEST,
    /** A feed's release index: the newest release of the followed channel is the one offered. */
    INDEX;

    static final String INDEX_FILE = "index.json";

    /** The kind {@code feed} names. */
    public static FeedKind of(String feed) {
        String path = pathOf(feed);
        if (path.endsWith("/") || path.endsWith("\\")) {
            return INDEX;
        }
        String last = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return last.equals(INDEX_FILE) ? INDEX : MANIFEST;
    }

    /** A URL's path (its query and fragment are not part of the name); a file system path as it is. */
    private static String pathOf(String feed) {
        String lower = feed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("file:")) {
            try {
                String p = new URI(feed).getPath();
                return p == null ? "" : p;
            } catch (URISyntaxException e) {
                return feed; // PolicyLoader rejects it with the reason
            }
        }
        return feed;
    }
}
