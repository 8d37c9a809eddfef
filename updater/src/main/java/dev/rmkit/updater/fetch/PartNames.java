package dev.rmkit.updater.fetch;

import dev.rmkit.updater.hash.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * The name of a download's partial file beside its destination: {@code NAME.rmkit-part}, unless that
 * exceeds the 255 bytes a file name may have (ext4, XFS, APFS; NTFS counts UTF-16 units, never more);
 * then the start of the name, a hash of the whole name (so two long names never share a part file)
 * and the suffix, in at most 255 bytes. So every name a manifest may carry can be staged.
 */
final class PartNames {
    static final String SUFFIX = ".rmkit-part";
    /** The same limit as the manifest's path rules ({@code PathRules.MAX_SEGMENT_BYTES}). */
    static final int MAX_NAME_BYTES = 255;

    private PartNames() {}

    static String of(String name) {
        String plain = name + SUFFIX;
        if (bytes(plain) <= MAX_NAME_BYTES) {
            return plain;
        }
        String tag = "~" + Sha256.hex(name).substring(0, 16) + SUFFIX;
        int budget = MAX_NAME_BYTES - tag.length();
        StringBuilder start = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int n = bytes(new String(Character.toChars(cp)));
            if (used + n > budget) {
                break;
            }
            start.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        return start + tag;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
