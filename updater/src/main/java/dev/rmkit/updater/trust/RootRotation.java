package dev.rmkit.updater.trust;

import dev.rmkit.updater.UpdateException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code updater trust rotate}: the next root (version + 1, new keys, new threshold), signed with the
 * keys given. Written only if clients would accept it ({@link RootChain#verifyNext}: a threshold of
 * the old root's keys and of its own), as {@code OUT} and {@code OUT.sig}, never over an existing file.
 */
public final class RootRotation {
    private RootRotation() {}

    public static Root rotate(Root old, List<Path> newKeys, int threshold, List<Path> signingKeys, Path out)
            throws UpdateException {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (Path p : newKeys) {
            PublicKey k = KeyFiles.readPublic(p);
            keys.put(KeyId.of(k), k);
        }
        Root next;
        try {
            next = new Root(old.version() + 1, threshold, keys);
        } catch (IllegalArgumentException e) {
            throw new UpdateException.Usage("cannot make root " + (old.version() + 1) + ": " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new UpdateException.Usage("a root needs at least one key (--key-pub)");
        }
        List<PrivateKey> signers = new ArrayList<>();
        for (Path p : signingKeys) {
            signers.add(KeyFiles.readPrivate(p));
        }
        byte[] bytes = RootJson.write(next);
        SignatureSet sigs;
        try {
            sigs = SignatureSet.sign(bytes, signers);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UpdateException.Usage("cannot sign root " + next.version() + ": " + e.getMessage());
        }
        try {
            RootChain.verifyNext(bytes, sigs, old);
        } catch (UpdateException.Rejected e) {
            throw new UpdateException.Usage("clients would refuse root " + next.version() + ": " + e.getMessage());
        }
        KeyFiles.writeBoth(out, bytes, false, out.resolveSibling(out.getFileName() + ".sig"), sigs.toJson());
        return next;
    }
}
