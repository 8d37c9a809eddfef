package dev.rmkit.burner.iso;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names for the primary (plain ISO 9660) tree, which readers without Joliet show. ECMA-119 interchange
 * level 2 allows only d-characters ({@code A-Z 0-9 _}), at most 30 characters of name plus extension
 * for a file (written {@code NAME.EXT;1}) and 31 for a directory. The mangling is deterministic:
 * accents dropped, upper-case, every other character becomes {@code _}, the extension keeps at most 8 characters, and
 * a name already taken in the same directory gets {@code ~N} before the extension.
 */
public final class PrimaryNames {

    static final int MAX_FILE = 30;
    static final int MAX_DIR = 31;
    static final int MAX_EXT = 8;

    private PrimaryNames() {}

    /** A mangled primary name: {@code base} and {@code ext} (ext is always empty for directories). */
    record Name(String base, String ext, boolean directory) {
        /** The on-disc identifier: {@code BASE} for a directory, {@code BASE.EXT;1} for a file. */
        byte[] identifier() {
            String s = directory ? base : base + "." + ext + ";1";
            return s.getBytes(StandardCharsets.US_ASCII);
        }

        String key() {
            return directory ? base : base + "." + ext;
        }
    }

    /**
     * Assigns unique primary names to the entries of one directory, in the order given.
     *
     * @param names the Joliet names, in the order to assign (sorted, so the result is deterministic)
     * @param directory for each name, whether it is a directory
     */
    static List<Name> assign(List<String> names, List<Boolean> directory) {
        Set<String> taken = new HashSet<>();
        List<Name> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            Name n = mangle(names.get(i), directory.get(i));
            for (int k = 1; !taken.add(n.key()); k++) {
                n = numbered(n, k);
            }
            out.add(n);
        }
        return out;
    }

    static Name mangle(String name, boolean directory) {
        if (directory) {
            String base = dchars(name);
            return new Name(cut(base.isEmpty() ? "_" : base, MAX_DIR), "", true);
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? cut(dchars(name.substring(dot + 1)), MAX_EXT) : "";
        base = dchars(base);
        if (base.isEmpty()) {
            base = "_";
        }
        return new Name(cut(base, MAX_FILE - ext.length()), ext, false);
    }

    private static Name numbered(Name n, int k) {
        String suffix = "~" + k;
        int room = (n.directory() ? MAX_DIR : MAX_FILE - n.ext().length()) - suffix.length();
        String base = n.base();
        int tilde = base.lastIndexOf('~');
        if (k > 1 && tilde >= 0) {
            base = base.substring(0, tilde);
        }
        return new Name(cut(base, room) + suffix, n.ext(), n.directory());
    }

    /** Upper-case d-characters; accents are dropped first (NFD minus combining marks), so "Köln" gives "KOLN". */
    static String dchars(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder b = new StringBuilder(plain.length());
        for (char c : plain.toUpperCase(Locale.ROOT).toCharArray()) {
            b.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return b.toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
