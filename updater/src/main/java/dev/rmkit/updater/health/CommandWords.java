package dev.rmkit.updater.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of {@code --health-check} into the words of a command, so it runs without a shell
 * and nothing in it (or in the release) is ever interpreted: words are separated by spaces or tabs;
 * {@code '...'} keeps everything inside literally; {@code "..."} too, except that {@code \"} and
 * {@code \\} stand for {@code "} and {@code \}; outside quotes a backslash makes the next character
 * literal. There are no variables, globs, pipes or redirections: {@code $HOME} or {@code >} is just text.
 * Pure.
 */
public final class CommandWords {

    private CommandWords() {}

    /** @throws IllegalArgumentException on an unterminated quote, a trailing backslash, or no word at all */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' in: " + text);
                }
                word.append(text, i + 1, end);
                i = end;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
            } else if (c == '\\') {
                if (i + 1 == text.length()) {
                    throw new IllegalArgumentException("a trailing \\ escapes nothing in: " + text);
                }
                word.append(text.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no command in: '" + text + "'");
        }
        return List.copyOf(words);
    }

    /** Appends the inside of a "..." starting at {@code from}; returns the index of the closing quote. */
    private static int doubleQuoted(String text, int from, StringBuilder word) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                c = text.charAt(++i);
            }
            word.append(c);
        }
        throw new IllegalArgumentException("unterminated \" in: " + text);
    }
}
