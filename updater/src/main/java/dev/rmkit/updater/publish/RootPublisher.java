package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.feed.FeedLayout;
import dev.rmkit.updater.trust.KeyFiles;
import dev.rmkit.updater.trust.Root;
import dev.rmkit.updater.trust.RootChain;
import dev.rmkit.updater.trust.RootJson;
import dev.rmkit.updater.trust.SignatureSet;
import dev.rmkit.updater.trust.Threshold;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code publish --root ROOT.json}: adds a root of trust to the feed, as {@code roots/N.root.json}
 * (kept forever: an install that trusts root 1 walks 2, 3... to the newest) and as {@code root.json}.
 * It runs the clients' own check first ({@link RootChain#verifyNext}): the next version, signed by a
 * threshold of the feed's current root and of its own; a feed's first root (version 1) must be
 * signed by its own threshold, and installs check that it is signed by the key they pinned.
 */
final class RootPublisher {
    private RootPublisher() {}

    /** The root the feed has after this publish: the new one, the current one, or none (a feed of pinned keys). */
    static Optional<Root> publish(FeedDir feed, Optional<Path> rootFile) throws UpdateException {
        Optional<Root> current = feed.root();
        if (rootFile.isEmpty()) {
            return current;
        }
        Path file = rootFile.get();
        byte[] bytes = KeyFiles.readSmallBytes(file, "root", RootJson.MAX_BYTES);
        Path sigFile = file.resolveSibling(file.getFileName() + FeedLayout.SIG);
        byte[] sigBytes = KeyFiles.readSmallBytes(sigFile, "root signature", SignatureSet.MAX_BYTES);
        Root root;
        try {
            SignatureSet sigs = SignatureSet.parse(sigBytes);
            if (current.isPresent()) {
                Optional<byte[]> same = feed.read(FeedLayout.rootFile(current.get().version()));
                if (same.isPresent() && Arrays.equals(same.get(), bytes)) {
                    return current; // the feed's own root again: nothing to rotate
                }
                root = RootChain.verifyNext(bytes, sigs, current.get());
            } else {
                root = RootJson.parse(bytes);
                if (root.version() != 1) {
                    throw new UpdateException.Rejected("a feed's first root is version 1, " + file + " is version " + root.version());
                }
                Threshold.check(bytes, sigs, root, "root 1 (by its own keys)");
            }
        } catch (UpdateException.Rejected e) {
            throw new UpdateException.Usage("clients would refuse " + file + ": " + e.getMessage());
        }
        feed.writeSigned(FeedLayout.rootFile(root.version()), bytes, sigBytes);
        feed.writeSigned(FeedLayout.ROOT, bytes, sigBytes);
        return Optional.of(root);
    }
}
