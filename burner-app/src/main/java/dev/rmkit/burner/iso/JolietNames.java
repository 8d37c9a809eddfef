package dev.rmkit.burner.iso;

import java.util.Optional;

/**
 * The rules a name must follow to be stored in the Joliet tree. Joliet (Microsoft, 1995) stores
 * names as UCS-2 big-endian, at most 64 characters, and forbids {@code * / : ; ? \} and control
 * characters. UCS-2 has no surrogate pairs, so characters outside the Basic Multilingual Plane
 * (most emoji) cannot be stored. The burner does not mangle Joliet names: a name that breaks a rule
 * is refused with a message that names the file, because the Joliet name is the one people see.
 */
public final class JolietNames {

    /** Joliet's limit on a file identifier: 64 UCS-2 characters (128 bytes). */
    public static final int MAX_LENGTH = 64;

    private static final String FORBIDDEN = "*/:;?\\";

    private JolietNames() {}

    /** Why {@code name} cannot be a Joliet name, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return Optional.of("the name '" + name + "' is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isSurrogate(c)) {
                return Optional.of("Joliet (UCS-2) cannot hold the character U+"
                        + Integer.toHexString(name.codePointAt(i)).toUpperCase(java.util.Locale.ROOT)
                        + " (outside the Basic Multilingual Plane)");
            }
            if (c < 0x20) {
                return Optional.of("Joliet names cannot contain control characters");
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("Joliet names cannot contain '" + c + "'");
            }
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("the name has " + name.length() + " characters; Joliet allows at most " + MAX_LENGTH);
        }
        return Optional.empty();
    }

    /** The UCS-2 big-endian identifier for a valid name. */
    static byte[] identifier(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
    }

    /** Decodes a Joliet identifier; drops a ";1" version suffix that some writers add. */
    static String decode(byte[] identifier) {
        String s = new String(identifier, 0, identifier.length & ~1, java.nio.charset.StandardCharsets.UTF_16BE);
        int semi = s.lastIndexOf(';');
        return semi > 0 && s.substring(semi + 1).chars().allMatch(Character::isDigit) ? s.substring(0, semi) : s;
    }
}
