package dev.rmkit.updater.trust;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 7468 PEM text: one {@code -----BEGIN LABEL-----} block with base64 lines. Pure functions, so
 * malformed key files are table-tested without touching the crypto provider.
 */
public final class Pem {
    public static final String PUBLIC_KEY = "PUBLIC KEY";
    public static final String PRIVATE_KEY = "PRIVATE KEY";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----", Pattern.DOTALL);

    private Pem() {}

    /** The PEM text of {@code der} under {@code label}, with 64-character lines. */
    public static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The DER inside the first block labelled {@code label}, or empty if there is none or it is not base64. */
    public static Optional<byte[]> decode(String label, String text) {
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                try {
                    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                    return der.length == 0 ? Optional.empty() : Optional.of(der);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
