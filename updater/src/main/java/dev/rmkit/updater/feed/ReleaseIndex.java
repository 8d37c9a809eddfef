package dev.rmkit.updater.feed;

import dev.rmkit.updater.manifest.Versions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A feed's signed list of releases, newest first ({@code index.json}). {@code version} is a sequence
 * number that every publish raises, so an install that has seen index 7 refuses index 6 (replay);
 * {@code expires} bounds how long one index can be served unchanged (freeze).
 *
 * @param product the feed's product; an install of another product refuses the index
 * @param version sequence number of this index
 * @param published when it was signed
 * @param expires after this instant it is refused
 * @param releases every release the feed keeps
 */
public record ReleaseIndex(String product, long version, Instant published, Instant expires, List<IndexEntry> releases) {
    /** Newest first: by release time, then by version. */
    public static final Comparator<IndexEntry> NEWEST_FIRST = Comparator.comparing(IndexEntry::released)
            .thenComparing(IndexEntry::version, Versions.ORDER).reversed();

    public ReleaseIndex {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(expires, "expires");
        releases = releases.stream().sorted(NEWEST_FIRST).toList();
    }

    /** The releases of {@code channel}, highest version first. */
    public List<IndexEntry> channel(String channel) {
        return releases.stream().filter(e -> e.channel().equals(channel))
                .sorted(Comparator.comparing(IndexEntry::version, Versions.ORDER).reversed()).toList();
    }

    /** The highest version of {@code channel}, if it has any release. */
    public Optional<IndexEntry> newest(String channel) {
        return channel(channel).stream().findFirst();
    }
}
