package dev.rmkit.updater.trust;

import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Key files on disk: {@code .pub} is an X.509 SubjectPublicKeyInfo PEM, {@code .key} a PKCS#8 PEM
 * created with mode 0600 on POSIX (set at creation, so the secret is never readable by others).
 */
public final class KeyFiles {
    /** Key files are a few hundred bytes; refuse to slurp anything large by mistake. */
    private static final long MAX_BYTES = 64 * 1024;

    private KeyFiles() {}

    public static PublicKey readPublic(Path file) throws UpdateException {
        String text = readSmall(file, "public key");
        byte[] der = Pem.decode(Pem.PUBLIC_KEY, text).orElseThrow(() -> new UpdateException.Usage(
                file + " is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)"));
        return Ed25519Keys.publicKey(der)
                .orElseThrow(() -> new UpdateException.Usage(file + " is not an Ed25519 public key"));
    }

    public static PrivateKey readPrivate(Path file) throws UpdateException {
        String text = readSmall(file, "private key");
        byte[] der = Pem.decode(Pem.PRIVATE_KEY, text).orElseThrow(() -> new UpdateException.Usage(
                file + " is not a PEM private key (expected -----BEGIN PRIVATE KEY-----)"));
        return Ed25519Keys.privateKey(der)
                .orElseThrow(() -> new UpdateException.Usage(file + " is not an Ed25519 private key"));
    }

    /** Writes a new file; fails if it exists. {@code secret} files get mode 0600 where POSIX applies. */
    public static void writeNew(Path file, String text, boolean secret) throws IOException {
        writeNew(file, text.getBytes(StandardCharsets.US_ASCII), secret);
    }

    private static void writeNew(Path file, byte[] bytes, boolean secret) throws IOException {
        FileAttribute<?>[] attrs = secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel ch = Files.newByteChannel(
                file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /**
     * Writes two new files that belong together (a key pair, a root and its signatures): both or
     * neither, never over an existing file (a lone half would block the next attempt, an overwritten
     * key would strand every install that pinned it). Only {@code first} may be {@code secret}.
     */
    public static void writeBoth(Path first, byte[] firstBytes, boolean secret, Path second, byte[] secondBytes)
            throws UpdateException {
        try {
            writeNew(first, firstBytes, secret);
            try {
                writeNew(second, secondBytes, false);
            } catch (IOException e) {
                Files.deleteIfExists(first);
                throw e;
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new UpdateException.Usage("refusing to overwrite " + e.getFile());
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot write " + e.getFile(), e);
        } catch (IOException e) {
            throw new UpdateException.Usage("cannot write " + first + " and " + second + ": " + e.getMessage());
        }
    }

    /** Whether {@code file} holds a root document (JSON) rather than a PEM key; false if unreadable. */
    public static boolean isRootDocument(Path file) {
        try (var in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) >= 0) {
                if (!Character.isWhitespace(c)) {
                    return c == '{';
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The bytes of a small file given on the command line; Usage if missing or larger than {@code max}. */
    public static byte[] readSmallBytes(Path file, String what, long max) throws UpdateException {
        try {
            if (Files.size(file) > max) {
                throw new UpdateException.Usage(file + " is too large to be a " + what + " file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UpdateException.Usage(what + " file not found: " + file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot read " + what + " file " + file, e);
        } catch (IOException e) {
            throw new UpdateException.Usage("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
    }

    private static String readSmall(Path file, String what) throws UpdateException {
        return new String(readSmallBytes(file, what, MAX_BYTES), StandardCharsets.US_ASCII);
    }
}
