package dev.rmkit.updater.apps;

import dev.rmkit.rm.console.SafeText;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A command line another user's process registered, made safe to print on an administrator's terminal:
 * each word quoted where it needs to be, and control characters (which could move the cursor or
 * rewrite the screen) shown as {@code \xNN} (or a Unicode escape) instead of being sent, by the one
 * renderer of other processes' text ({@link SafeText}).
 */
public final class Shown {

    private Shown() {}

    public static String argv(List<String> argv) {
        return argv.stream().map(Shown::word).collect(Collectors.joining(" "));
    }

    /** One word: made safe ({@link SafeText}: escaped and bounded), then quoted where a shell would need it. */
    static String word(String w) {
        String safe = SafeText.of(w, SafeText.ARG);
        boolean quote = w.isEmpty() || !safe.equals(w);
        for (char c : safe.toCharArray()) {
            quote |= " \t\"'\\$`;&|<>()*?[]{}!#~".indexOf(c) >= 0;
        }
        return quote ? "'" + safe.replace("'", "'\\''") + "'" : safe;
    }
}
