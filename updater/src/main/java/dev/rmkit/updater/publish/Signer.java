package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.trust.Ed25519Keys;
import dev.rmkit.updater.trust.KeyFiles;
import dev.rmkit.updater.trust.KeyId;
import dev.rmkit.updater.trust.Root;
import dev.rmkit.updater.trust.SignatureSet;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The publisher's private keys: signs documents with all of them; checks they satisfy a root. */
final class Signer {
    private final Map<String, PrivateKey> keys;

    private Signer(Map<String, PrivateKey> keys) {
        this.keys = keys;
    }

    static Signer read(List<Path> files) throws UpdateException {
        if (files.isEmpty()) {
            throw new UpdateException.Usage("no signing key: give --key KEYFILE");
        }
        Map<String, PrivateKey> keys = new LinkedHashMap<>();
        for (Path f : files) {
            PrivateKey k = KeyFiles.readPrivate(f);
            try {
                keys.put(KeyId.of(Ed25519Keys.publicKeyOf(k)), k);
            } catch (GeneralSecurityException e) {
                throw new UpdateException.Usage(f + ": " + e.getMessage());
            }
        }
        if (keys.size() > Root.MAX_KEYS) {
            throw new UpdateException.Usage("at most " + Root.MAX_KEYS + " signing keys");
        }
        return new Signer(keys);
    }

    Set<String> keyIds() {
        return new TreeSet<>(keys.keySet());
    }

    byte[] sign(byte[] document) throws UpdateException {
        try {
            return SignatureSet.sign(document, new ArrayList<>(keys.values())).toJson();
        } catch (GeneralSecurityException e) {
            throw new UpdateException.Usage("cannot sign: " + e.getMessage());
        }
    }

    /** Refuses (bad usage) to sign for {@code root} with fewer of its keys than its threshold: clients would refuse it. */
    void checkEnoughFor(Root root) throws UpdateException {
        if (root.isLegacy()) {
            return;
        }
        Set<String> mine = keyIds();
        mine.retainAll(root.keys().keySet());
        if (mine.size() < root.threshold()) {
            throw new UpdateException.Usage("the keys given (" + keyIds() + ") include " + mine.size() + " of root "
                    + root.version() + "'s keys " + root.keys().keySet() + "; it needs " + root.threshold()
                    + " signatures, so clients would refuse what they sign");
        }
    }
}
