package dev.rmkit.updater.apps;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A command line another user's process registered, made safe to print on an administrator's terminal:
 * each word quoted where it needs to be, and control characters (which could move the cursor or
 * rewrite the screen) shown as {@code \xNN} (or a Unicode escape) instead of being sent.
 */
public final class Shown {

    private Shown() {}

    public static String argv(List<String> argv) {
        return argv.stream().map(Shown::word).collect(Collectors.joining(" "));
    }

    static String word(String w) {
        StringBuilder sb = new StringBuilder();
        boolean quote = w.isEmpty();
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u202e') {
                sb.append(c < 0x100 ? String.format(Locale.ROOT, "\\x%02x", (int) c)
                        : String.format(Locale.ROOT, "\\u%04x", (int) c));
                quote = true;
            } else {
                if (c == '\'') {
                    sb.append("'\\''");
                } else {
                    sb.append(c);
                }
                quote |= " \t\"'\\$`;&|<>()*?[]{}!#~".indexOf(c) >= 0;
            }
        }
        return quote ? "'" + sb + "'" : sb.toString();
    }
}
