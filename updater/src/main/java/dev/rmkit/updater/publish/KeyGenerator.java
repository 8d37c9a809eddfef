package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.trust.Ed25519Keys;
import dev.rmkit.updater.trust.KeyFiles;
import dev.rmkit.updater.trust.KeyId;
import dev.rmkit.updater.trust.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * {@code keygen --out PREFIX}: a new Ed25519 pair as {@code PREFIX.key} (PKCS#8 PEM, mode 0600) and
 * {@code PREFIX.pub} (SubjectPublicKeyInfo PEM). Never overwrites: losing a signing key by a typo
 * would strand every install that pinned it.
 */
public final class KeyGenerator {
    private KeyGenerator() {}

    /** What keygen wrote. */
    public record Generated(Path privateKey, Path publicKey, String keyId) {}

    public static Generated generate(Path prefix) throws UpdateException {
        Path key = prefix.resolveSibling(prefix.getFileName() + ".key");
        Path pub = prefix.resolveSibling(prefix.getFileName() + ".pub");
        for (Path p : new Path[] {key, pub}) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new UpdateException.Usage("refusing to overwrite " + p + " (choose another --out prefix)");
            }
        }
        Path dir = key.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new UpdateException.Usage("directory does not exist: " + dir);
        }
        KeyPair pair = Ed25519Keys.generate();
        KeyFiles.writeBoth(key, Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII),
                true, pub, Pem.encode(Pem.PUBLIC_KEY, pair.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        return new Generated(key, pub, KeyId.of(pair.getPublic()));
    }
}
