package dev.rmkit.updater.trust;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Ed25519 with the JDK's own provider (SunEC, Java 15+): key decoding, signing, verifying. Decoders
 * return empty for anything that is not an Ed25519 key, so callers turn that into their own error.
 */
public final class Ed25519Keys {
    public static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519", e);
        }
    }

    /** The Ed25519 public key in X.509 SubjectPublicKeyInfo DER, or empty. */
    public static Optional<PublicKey> publicKey(byte[] spkiDer) {
        try {
            return Optional.of(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spkiDer)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The Ed25519 private key in PKCS#8 DER, or empty. */
    public static Optional<PrivateKey> privateKey(byte[] pkcs8Der) {
        try {
            return Optional.of(KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8Der)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The public half of a private key. The JDK has no API for it, but its Ed25519 key generator
     * takes the 32-byte seed from the SecureRandom it is given, so replaying the seed rebuilds the
     * pair; a sign/verify round trip proves the result instead of trusting that provider detail.
     */
    public static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new GeneralSecurityException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        KeyPairGenerator gen = KeyPairGenerator.getInstance(ALGORITHM);
        gen.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        PublicKey pub = gen.generateKeyPair().getPublic();
        byte[] probe = "rmkit key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!verify(pub, probe, sign(key, probe))) {
            throw new GeneralSecurityException("could not derive the public key of this Ed25519 private key");
        }
        return pub;
    }

    public static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    /** Whether {@code signature} is {@code key}'s Ed25519 signature of exactly {@code data}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Hands out a fixed seed: the generator's only source of randomness for one key pair. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, (byte) 0);
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
