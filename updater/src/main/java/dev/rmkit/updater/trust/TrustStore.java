package dev.rmkit.updater.trust;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Trusted Ed25519 public keys of one install, in {@code <install>/.rmkit/trust/*.pub}. Keys live
 * with the install rather than in the feed, so whoever controls the server cannot also choose the
 * key that vouches for it (Squirrel's and Velopack's unsigned feeds). The first key is pinned
 * explicitly ({@code --trust}); after that, a different key is refused instead of silently added.
 */
public final class TrustStore {
    private final Path dir;
    private final Map<String, PublicKey> candidate;

    private TrustStore(Path dir, Map<String, PublicKey> candidate) {
        this.dir = dir;
        this.candidate = candidate;
    }

    /** The store of {@code installDir}; nothing is read until asked (the install may not exist yet). */
    public static TrustStore open(Path installDir) {
        return new TrustStore(Objects.requireNonNull(installDir, "installDir").resolve(".rmkit").resolve("trust"), null);
    }

    /**
     * A store that trusts only the key in {@code publicKeyFile}, held in memory: a manifest is checked
     * with a {@code --trust} key before that key is pinned, so a wrong key is never written anywhere.
     */
    public static TrustStore candidate(Path publicKeyFile) throws UpdateException {
        PublicKey key = KeyFiles.readPublic(publicKeyFile);
        return new TrustStore(null, Map.of(KeyId.of(key), key));
    }

    /** {@code <install>/.rmkit/trust}. */
    public Path directory() {
        return dir;
    }

    /** Whether no key is pinned yet (a fresh install). An unreadable store counts as not empty. */
    public boolean isEmpty() {
        if (candidate != null) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            return !Files.exists(dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(TrustStore::isKeyFile);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code --trust}: pins {@code publicKeyFile} if no key is pinned yet; repeating the pinned key is
     * fine; a different key on a pinned install is Rejected (rotating keys is a deliberate act: add
     * the new {@code .pub} to the trust directory by hand).
     */
    public void pinIfEmpty(Path publicKeyFile) throws UpdateException {
        if (candidate != null) {
            throw new IllegalStateException("a candidate key is never pinned");
        }
        PublicKey key = KeyFiles.readPublic(publicKeyFile);
        String id = KeyId.of(key);
        if (!isEmpty()) {
            Map<String, PublicKey> pinned = keys();
            if (!pinned.containsKey(id)) {
                throw new UpdateException.Rejected("unknown key: " + publicKeyFile + " (key id " + id
                        + ") differs from the key(s) this install already trusts " + pinned.keySet()
                        + "; to rotate keys, add the new .pub to " + dir + " deliberately");
            }
            return;
        }
        try {
            // Durable before anything depends on it: installed.json names this key.
            InstallFiles files = new InstallFiles(dir.getParent().getParent());
            files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, id, ".tmp");
            Files.writeString(tmp, Pem.encode(Pem.PUBLIC_KEY, key.getEncoded()));
            Durable.syncFile(tmp);
            files.move(tmp, dir.resolve(id + ".pub"));
            files.sync();
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot pin the trusted key in " + dir, e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot pin the trusted key in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every pinned key by key id (computed from the key, never taken from the file name). */
    public Map<String, PublicKey> keys() throws UpdateException {
        if (candidate != null) {
            return new TreeMap<>(candidate);
        }
        Map<String, PublicKey> keys = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.filter(TrustStore::isKeyFile).sorted()::iterator) {
                PublicKey k;
                try {
                    k = KeyFiles.readPublic(p);
                } catch (UpdateException.Usage e) {
                    throw new UpdateException.Rejected("trusted key file is damaged: " + e.getMessage());
                }
                keys.put(KeyId.of(k), k);
            }
        } catch (NoSuchFileException e) {
            return keys;
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot read the trusted keys in " + dir, e);
        } catch (IOException e) {
            throw new UpdateException.Rejected("cannot read the trusted keys in " + dir + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** The pinned key with this id, if any. */
    public Optional<PublicKey> key(String keyId) throws UpdateException {
        return Optional.ofNullable(keys().get(keyId));
    }

    private static boolean isKeyFile(Path p) {
        return p.getFileName().toString().endsWith(".pub") && Files.isRegularFile(p);
    }
}
