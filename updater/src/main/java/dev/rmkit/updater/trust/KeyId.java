package dev.rmkit.updater.trust;

import dev.rmkit.updater.hash.Sha256;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * Key ids: the first 16 hex characters of the SHA-256 of the key's X.509 SubjectPublicKeyInfo DER.
 * Derived from the key itself, so a signature file cannot claim an id its key does not have.
 */
public final class KeyId {
    private KeyId() {}

    public static String of(PublicKey key) {
        return of(key.getEncoded());
    }

    public static String of(byte[] spkiDer) {
        return HexFormat.of().formatHex(Sha256.of(spkiDer), 0, 8);
    }

    /** Whether {@code s} has the shape of a key id (16 lower-case hex characters). */
    public static boolean isWellFormed(String s) {
        return s != null && s.matches("[0-9a-f]{16}");
    }
}
