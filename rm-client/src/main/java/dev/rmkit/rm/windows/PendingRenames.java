package dev.rmkit.rm.windows;

import dev.rmkit.rm.PendingReplacement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes {@code PendingFileRenameOperations} (REG_MULTI_SZ under Session Manager), which MoveFileEx
 * with MOVEFILE_DELAY_UNTIL_REBOOT appends to: pairs {@code source, target}, an empty target meaning
 * delete; paths in NT form ({@code \??\C:\...}); a target prefixed with {@code !} when
 * MOVEFILE_REPLACE_EXISTING was given (reference §7.5). Decoded from raw bytes because the empty
 * strings of delete pairs would end a naive multi-string reader early.
 */
final class PendingRenames {

    static final String KEY = "SYSTEM\\CurrentControlSet\\Control\\Session Manager";
    static final String VALUE = "PendingFileRenameOperations";
    private static final String NT_PREFIX = "\\??\\";

    private PendingRenames() {}

    static List<PendingReplacement> decode(byte[] raw) {
        String all = new String(raw, 0, raw.length & ~1, StandardCharsets.UTF_16LE);
        // Every string ends with a NUL, an empty target too; the list terminator and any padding
        // produce empty sources at the end, which are skipped.
        String[] strings = all.split("\0", -1);
        List<PendingReplacement> out = new ArrayList<>();
        for (int i = 0; i + 1 < strings.length; i += 2) {
            String source = strings[i];
            if (source.isEmpty()) {
                continue;
            }
            out.add(new PendingReplacement(Path.of(plain(source)),
                    strings[i + 1].isEmpty() ? Optional.empty() : Optional.of(Path.of(plain(strings[i + 1])))));
        }
        return out;
    }

    /**
     * {@code raw} without the pairs that match one of {@code drop} (by source and target, without regard
     * to case), every other pair's two strings kept exactly as they were; empty when no pair is left.
     */
    static byte[] without(byte[] raw, List<PendingReplacement> drop) {
        String[] strings = new String(raw, 0, raw.length & ~1, StandardCharsets.UTF_16LE).split("\0", -1);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i + 1 < strings.length; i += 2) {
            if (strings[i].isEmpty()) {
                continue;
            }
            PendingReplacement p = new PendingReplacement(Path.of(plain(strings[i])),
                    strings[i + 1].isEmpty() ? Optional.empty() : Optional.of(Path.of(plain(strings[i + 1]))));
            if (drop.stream().noneMatch(d -> same(d, p))) {
                kept.append(strings[i]).append('\0').append(strings[i + 1]).append('\0');
            }
        }
        return kept.length() == 0 ? new byte[0] : kept.append('\0').toString().getBytes(StandardCharsets.UTF_16LE);
    }

    private static boolean same(PendingReplacement a, PendingReplacement b) {
        return samePath(a.source(), b.source()) && a.target().isPresent() == b.target().isPresent()
                && (a.target().isEmpty() || samePath(a.target().get(), b.target().get()));
    }

    /** {@code \??\C:\x} or {@code !\??\C:\x} as {@code C:\x}. */
    static String plain(String ntPath) {
        String p = ntPath.startsWith("!") ? ntPath.substring(1) : ntPath;
        return p.startsWith(NT_PREFIX) ? p.substring(NT_PREFIX.length()) : p;
    }

    /** Windows paths compare without regard to case. */
    static boolean samePath(Path a, Path b) {
        return a.toString().toLowerCase(Locale.ROOT).equals(b.toString().toLowerCase(Locale.ROOT));
    }
}
