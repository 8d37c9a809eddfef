package dev.rmkit.updater.trust;

import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A root of trust, TUF's root role in its smallest complete form: the publisher's keys and how many
 * of them must sign ({@code threshold}). A new root replaces this one only when signed by a threshold
 * of this root's keys and of its own (see {@link RootChain}), and only with the next version, so
 * versions only go up. An install pinned with one {@code --trust KEY.pub} has the {@link #legacy}
 * root: version 0, those keys, threshold 1.
 *
 * @param version 0 for the legacy root of pinned key files, 1 and up for signed root documents
 * @param threshold how many distinct keys of {@code keys} must sign a document
 * @param keys the keys by key id (computed from the key)
 */
public record Root(long version, int threshold, Map<String, PublicKey> keys) {
    /** No root lists more keys than this (the signature file would outgrow its limit). */
    public static final int MAX_KEYS = 16;

    public Root {
        if (version < 0) {
            throw new IllegalArgumentException("root version must not be negative: " + version);
        }
        keys = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(keys, "keys")));
        if (keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("a root lists at most " + MAX_KEYS + " keys, not " + keys.size());
        }
        for (Map.Entry<String, PublicKey> e : keys.entrySet()) {
            if (!e.getKey().equals(KeyId.of(e.getValue()))) {
                throw new IllegalArgumentException("key id " + e.getKey() + " is not the id of its key " + KeyId.of(e.getValue()));
            }
        }
        if (threshold < 1 || (!keys.isEmpty() && threshold > keys.size())) {
            throw new IllegalArgumentException("threshold must be between 1 and the number of keys (" + keys.size()
                    + "), not " + threshold);
        }
    }

    /** The root of an install pinned with key files only: version 0, any one of them signs. */
    public static Root legacy(Map<String, PublicKey> keys) {
        return new Root(0, 1, keys);
    }

    public boolean isLegacy() {
        return version == 0;
    }
}
