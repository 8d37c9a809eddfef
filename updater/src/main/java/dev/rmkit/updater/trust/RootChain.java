package dev.rmkit.updater.trust;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.Fetcher;
import java.net.URI;
import java.util.Optional;

/**
 * Key rotation as TUF's client does it (TUF 1.0 §5.3): starting from the root the install trusts
 * (version N), fetch {@code roots/N+1.root.json} next to the signed document being loaded, and accept
 * it only if it is signed by a threshold of root N's keys <em>and</em> a threshold of its own, and
 * says it is version N+1; repeat until the feed has no next root. A root that is replayed (an older
 * root served under a newer name), signed by too few trusted keys, or older than the trusted one
 * stops the run (Rejected) instead of being skipped, so an attacker cannot hold an install on keys
 * the publisher removed. The signature is checked before the root's JSON is parsed.
 */
public final class RootChain {
    /** Rotations accepted in one run at most, so a feed cannot keep an updater walking forever. */
    static final int MAX_STEPS = 1000;

    private RootChain() {}

    /** The file of root {@code version} relative to a signed document of the feed ({@code roots/N.root.json}). */
    public static URI rootUri(URI document, long version) {
        return document.resolve("roots/" + version + ".root.json");
    }

    /**
     * The newest root reachable from {@code store}'s by verified rotations in the feed of {@code
     * document}. With {@code persist}, each accepted root is saved in the store before the next one is
     * looked at (apply); without, nothing is written (plan, releases).
     */
    public static Root update(Fetcher fetcher, URI document, TrustStore store, boolean persist) throws UpdateException {
        return update(fetcher, document, store.root(), persist ? store::saveRoot : bytes -> { });
    }

    /** A root accepted by {@link #update}, handed over before the next one is looked at. */
    @FunctionalInterface
    public interface Saver {
        void save(byte[] rootBytes) throws UpdateException;
    }

    /** The same from a root held in memory; {@code saver} receives each accepted root's bytes. */
    public static Root update(Fetcher fetcher, URI document, Root trusted, Saver saver) throws UpdateException {
        if (trusted.keys().isEmpty()) {
            return trusted; // nothing to rotate from; the loader says the install trusts no key
        }
        for (int i = 0; i < MAX_STEPS; i++) {
            long next = trusted.version() + 1;
            URI uri = rootUri(document, next);
            Optional<byte[]> bytes;
            try {
                bytes = fetcher.fetchSmall(uri, RootJson.MAX_BYTES, "root " + next);
            } catch (UpdateException.Unavailable e) {
                // Static hosts answer 403 for a missing object; whoever can block the file can also
                // answer 404, so an unreachable next root means "none yet", like a missing one.
                bytes = Optional.empty();
            }
            if (bytes.isEmpty()) {
                return trusted;
            }
            URI sigUri = URI.create(uri + ".sig");
            byte[] sigBytes = fetcher.fetchSmall(sigUri, SignatureSet.MAX_BYTES, "root " + next + " signature")
                    .orElseThrow(() -> new UpdateException.Rejected("missing signature: " + sigUri + " does not exist"));
            trusted = verifyNext(bytes.get(), SignatureSet.parse(sigBytes), trusted);
            saver.save(bytes.get());
        }
        throw new UpdateException.Rejected("the feed offers more than " + MAX_STEPS + " root rotations in one run");
    }

    /**
     * Root {@code current.version() + 1} if {@code bytes} are one, signed by a threshold of {@code
     * current}'s keys and of its own; Rejected otherwise.
     */
    public static Root verifyNext(byte[] bytes, SignatureSet sigs, Root current) throws UpdateException.Rejected {
        long next = current.version() + 1;
        Threshold.check(bytes, sigs, current, "root " + next + " (by the keys of root " + current.version() + ")");
        Root candidate = RootJson.parse(bytes);
        if (candidate.version() != next) {
            throw new UpdateException.Rejected("root rollback: the feed's root " + next + " says it is version "
                    + candidate.version() + " (an older root replayed); the install trusts root " + current.version());
        }
        Threshold.check(bytes, sigs, candidate, "root " + next + " (by its own keys)");
        return candidate;
    }
}
