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
 * The root of trust of one install, in {@code <install>/.rmkit/trust/}: either pinned Ed25519 key
 * files ({@code *.pub}, the legacy one-key root, threshold 1) or a signed root document ({@code
 * root.json}, keys and a threshold) that replaces them once the feed rotates its keys. Trust lives
 * with the install rather than in the feed, so whoever controls the server cannot also choose the
 * key that vouches for it (Squirrel's and Velopack's unsigned feeds). The first key or root is
 * pinned explicitly ({@code --trust}); after that only a root signed by the trusted keys replaces
 * it ({@link RootChain}), and a different key is refused instead of silently added.
 */
public final class TrustStore {
    /** The trusted root document, once the install has accepted one. */
    public static final String ROOT_FILE = "root.json";

    private final Path dir;
    private final Root candidate;

    private TrustStore(Path dir, Root candidate) {
        this.dir = dir;
        this.candidate = candidate;
    }

    /** The store of {@code installDir}; nothing is read until asked (the install may not exist yet). */
    public static TrustStore open(Path installDir) {
        return new TrustStore(Objects.requireNonNull(installDir, "installDir").resolve(".rmkit").resolve("trust"), null);
    }

    /**
     * A store that trusts only what {@code trustFile} holds (a key file, or a root document), in
     * memory: a release is checked with a {@code --trust} file before it is pinned, so a wrong one is
     * never written anywhere. It cannot be pinned into or save a root.
     */
    public static TrustStore candidate(Path trustFile) throws UpdateException {
        if (KeyFiles.isRootDocument(trustFile)) {
            return new TrustStore(null, RootJson.parse(KeyFiles.readSmallBytes(trustFile, "root", RootJson.MAX_BYTES)));
        }
        PublicKey key = KeyFiles.readPublic(trustFile);
        return new TrustStore(null, Root.legacy(Map.of(KeyId.of(key), key)));
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
            return s.noneMatch(p -> isKeyFile(p) || p.getFileName().toString().equals(ROOT_FILE));
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
        if (KeyFiles.isRootDocument(publicKeyFile)) {
            pinRootIfEmpty(publicKeyFile);
            return;
        }
        PublicKey key = KeyFiles.readPublic(publicKeyFile);
        String id = KeyId.of(key);
        if (Files.isRegularFile(dir.resolve(ROOT_FILE))) {
            Root root = root();
            if (!root.keys().containsKey(id)) {
                throw new UpdateException.Rejected("unknown key: " + publicKeyFile + " (key id " + id + ") is not a key of root "
                        + root.version() + " this install trusts " + root.keys().keySet());
            }
            return;
        }
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

    /**
     * {@code --trust ROOT.json}: pins a root document on a fresh install (trust on first use, like a
     * key file); the same root again is fine; any other root on a pinned install is Rejected: a new
     * root only comes from the feed, signed by the keys the install already trusts.
     */
    private void pinRootIfEmpty(Path rootFile) throws UpdateException {
        byte[] bytes = KeyFiles.readSmallBytes(rootFile, "root", RootJson.MAX_BYTES);
        Root given = RootJson.parse(bytes);
        if (!isEmpty()) {
            Root current = root();
            if (current.version() != given.version() || !current.keys().keySet().equals(given.keys().keySet())
                    || current.threshold() != given.threshold()) {
                throw new UpdateException.Rejected("unknown key: " + rootFile + " (root " + given.version()
                        + ") differs from root " + current.version() + " this install trusts; a new root is taken from the feed, "
                        + "signed by the trusted keys (updater trust rotate, publish --root)");
            }
            return;
        }
        saveRoot(bytes);
    }

    /**
     * The root this install trusts: {@code root.json} if it has accepted one, otherwise the legacy
     * root of its pinned key files (version 0, threshold 1; no keys on a fresh install).
     */
    public Root root() throws UpdateException {
        if (candidate != null) {
            return candidate;
        }
        Path file = dir.resolve(ROOT_FILE);
        if (!Files.isRegularFile(file)) {
            return Root.legacy(keys());
        }
        try {
            return RootJson.parse(Files.readAllBytes(file));
        } catch (UpdateException.Rejected e) {
            throw new UpdateException.Rejected("the trusted root " + file + " is damaged: " + e.getMessage());
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot read the trusted root " + file, e);
        } catch (IOException e) {
            throw new UpdateException.Rejected("cannot read the trusted root " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the trusted root with a verified newer one (atomically and durably). */
    public void saveRoot(byte[] rootBytes) throws UpdateException {
        if (candidate != null) {
            throw new IllegalStateException("a candidate root is never saved");
        }
        try {
            // its directory's entry durable before the root file that depends on it
            new InstallFiles(dir.getParent().getParent()).write(dir.resolve(ROOT_FILE), rootBytes);
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot write the trusted root in " + dir, e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write the trusted root in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every pinned key file's key by key id (computed from the key, never taken from the file name). */
    public Map<String, PublicKey> keys() throws UpdateException {
        if (candidate != null) {
            return new TreeMap<>(candidate.keys());
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
