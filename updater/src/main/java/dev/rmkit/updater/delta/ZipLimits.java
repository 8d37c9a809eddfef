package dev.rmkit.updater.delta;

/**
 * What a zip may claim before it is expanded ({@link ZipLayout}, {@link ZipExpansion}). Expansion
 * streams through fixed buffers, so these bound disk and time, not memory: the number of entries,
 * and the expanded size, at most {@code ratio} times the zip's size (plus 1 MiB) and never more than
 * {@code maxTotal}. An entry that claims more than deflate can produce from its compressed size, or
 * that inflates to anything but exactly its claimed size, is refused whatever the limits.
 *
 * @param maxEntries entries at most
 * @param ratio expanded bytes per byte of the zip, at most
 * @param maxTotal expanded bytes at most, whatever the zip's size
 */
public record ZipLimits(int maxEntries, int ratio, long maxTotal) {
    /** Deflate's largest expansion is about 1032 to 1 (258 bytes from 2 bits). */
    static final long DEFLATE_MAX_RATIO = 1032;

    /** Limits of publish and apply alike: a client must expand a base exactly as the publisher did. */
    public static final ZipLimits DEFAULT = new ZipLimits(65_535, 64, 2L << 30);

    public ZipLimits {
        if (maxEntries < 1 || ratio < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The largest expanded form accepted for a zip of {@code zipSize} bytes. */
    long maxExpanded(long zipSize) {
        return Math.min(maxTotal, zipSize * ratio + (1 << 20));
    }
}
