package dev.rmkit.updater.feed;

/**
 * Where things are in a feed, relative to its directory:
 *
 * <pre>
 * index.json, index.json.sig                     the signed release index (newest first)
 * releases/CHANNEL/VERSION/manifest.json (+.sig)  each release's manifest
 * manifest.json, manifest.json.sig               the release published last (for --manifest FEED/manifest.json)
 * blobs/SHA256                                   file contents and patches, each stored once
 * roots/N.root.json, N.root.json.sig             every root of trust, version N signed by root N-1 and itself
 * root.json, root.json.sig                       the newest root (to hand to new installs: --trust root.json)
 * </pre>
 */
public final class FeedLayout {
    public static final String INDEX = "index.json";
    public static final String LATEST = "manifest.json";
    public static final String BLOBS = "blobs/";
    public static final String ROOT = "root.json";
    public static final String SIG = ".sig";

    private FeedLayout() {}

    /** The manifest of one release, relative to the feed. */
    public static String releaseManifest(String channel, String version) {
        return "releases/" + channel + "/" + version + "/manifest.json";
    }

    /** How a release manifest names a blob: its URLs resolve against its own directory, three levels down. */
    public static String blobUrlFromRelease(String sha256) {
        return "../../../" + BLOBS + sha256;
    }

    /** How the top-level manifest names a blob. */
    public static String blobUrlFromLatest(String sha256) {
        return BLOBS + sha256;
    }

    /** The root document of version {@code n}, relative to the feed. */
    public static String rootFile(long n) {
        return "roots/" + n + ".root.json";
    }
}
