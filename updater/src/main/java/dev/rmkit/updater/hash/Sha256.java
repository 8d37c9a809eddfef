package dev.rmkit.updater.hash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash the updater uses (file contents, manifests, key ids, names derived from
 * paths): a digest without the checked exception no JDK throws, and the digests of bytes, strings and
 * files, raw or as lower-case hex.
 */
public final class Sha256 {

    private static final int BUFFER = 64 * 1024;

    private Sha256() {}

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The digest of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /** Lower-case hex digest of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(of(bytes));
    }

    /** Lower-case hex digest of {@code s} in UTF-8. */
    public static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of a file's content, streamed. */
    public static byte[] of(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    /** Lower-case hex digest of a file's content, streamed. */
    public static String hex(Path file) throws IOException {
        return HexFormat.of().formatHex(of(file));
    }
}
