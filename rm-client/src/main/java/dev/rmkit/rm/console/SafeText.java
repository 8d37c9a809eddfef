package dev.rmkit.rm.console;

/**
 * Text that came from someone else (an app's name or refusal reason, a registered command line, a
 * message quoting them) made safe to print on a terminal: control characters, and the invisible
 * format characters that reorder or hide text (bidi overrides, zero-width), are shown as escapes
 * ({@code \x1b}, {@code \u202e}), and the length is bounded, so another user's process can neither
 * drive root's terminal nor flood it. Only the text forms use it: JSON carries the exact strings.
 */
public final class SafeText {

    /** Names, reasons, paths and arguments. */
    public static final int FIELD = 300;
    /** One argument of a command line (a class path is long). */
    public static final int ARG = 1000;
    /** A whole line, such as a message that quotes fields. */
    public static final int LINE = 2000;

    private SafeText() {}

    /** {@code s} escaped and bounded to {@link #LINE} characters. */
    public static String line(String s) {
        return of(s, LINE);
    }

    /** {@code s} escaped and bounded to {@link #FIELD} characters. */
    public static String field(String s) {
        return of(s, FIELD);
    }

    /** {@code s} with every unsafe character escaped, cut after {@code max} characters of the original. */
    public static String of(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 16);
        int shown = 0;
        int i = 0;
        while (i < s.length() && shown < max) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            if (cp < 0x20 || cp == 0x7f) {
                sb.append(switch (cp) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\x%02x", cp);
                });
            } else if ((cp >= 0x80 && cp < 0xa0) || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.LINE_SEPARATOR
                    || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR || Character.isSurrogate((char) cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (i < s.length()) {
            sb.append("\u2026 (").append(s.codePointCount(i, s.length())).append(" more characters)");
        }
        return sb.toString();
    }
}
