package dev.rmkit.updater.trust;

import dev.rmkit.updater.UpdateException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a document is signed by enough keys of a root. Only distinct keys of the root count, each
 * once, and only if its Ed25519 signature verifies over the exact bytes; signatures by other keys
 * are ignored (TUF), so a compromised key alone never reaches a threshold of 2.
 */
public final class Threshold {
    private Threshold() {}

    /**
     * The ids of the root's keys whose signatures verify, if they reach its threshold. Otherwise
     * Rejected: "unknown key" (no signature by a key of the root), "bad signature" (a key of the
     * root whose signature does not verify), "not enough signatures" (valid, but too few).
     *
     * @param what names the document in messages ("manifest", "index", "root 3")
     */
    public static Set<String> check(byte[] bytes, SignatureSet sigs, Root root, String what) throws UpdateException.Rejected {
        Set<String> valid = new TreeSet<>();
        Set<String> bad = new TreeSet<>();
        List<String> foreign = new ArrayList<>();
        for (SignatureFile s : sigs.signatures()) {
            PublicKey key = root.keys().get(s.keyId());
            if (key == null) {
                foreign.add(s.keyId());
            } else if (Ed25519Keys.verify(key, bytes, s.signature())) {
                valid.add(s.keyId());
            } else {
                bad.add(s.keyId());
            }
        }
        bad.removeAll(valid);
        if (valid.size() >= root.threshold() && !root.keys().isEmpty()) {
            return valid;
        }
        if (root.keys().isEmpty()) {
            throw new UpdateException.Rejected("unknown key: the install trusts no key yet; pin the publisher's key with --trust KEYFILE");
        }
        if (!bad.isEmpty()) {
            throw new UpdateException.Rejected("bad signature: the " + what + " does not match its Ed25519 signature by key "
                    + String.join(", ", bad));
        }
        if (valid.isEmpty()) {
            throw new UpdateException.Rejected("unknown key: the " + what + " is signed by key " + String.join(", ", foreign)
                    + ", the install trusts " + root.keys().keySet());
        }
        throw new UpdateException.Rejected("not enough signatures: the " + what + " is signed by " + valid.size() + " of the "
                + root.threshold() + " keys root " + root.version() + " requires (valid: " + valid + ", trusted: "
                + root.keys().keySet() + ")");
    }
}
