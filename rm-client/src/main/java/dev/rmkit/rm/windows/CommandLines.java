package dev.rmkit.rm.windows;

import java.util.ArrayList;
import java.util.List;

/**
 * Windows command lines, both ways, by the rules of {@code CommandLineToArgvW} (which the C runtime
 * shares for everything after the program name): arguments split at spaces and tabs outside quotes;
 * 2n backslashes before a quote give n backslashes and the quote toggles quoting; 2n+1 backslashes
 * before a quote give n backslashes and a literal quote; backslashes elsewhere are literal; the
 * program name ends at the next quote (if it starts with one) or blank, with no escapes at all.
 *
 * <p>{@link #parse} is a pure-Java reimplementation of the parser so that {@link #join} can be
 * round-trip tested on any OS.
 */
final class CommandLines {

    private CommandLines() {}

    /** The arguments as one string that parses back to exactly the same list. */
    static String join(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(a));
        }
        return sb.toString();
    }

    /** One argument, quoted only when it must be (empty, or containing blanks or quotes). */
    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '"')) {
            return arg;
        }
        StringBuilder sb = new StringBuilder(arg.length() + 2).append('"');
        int backslashes = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                sb.append("\\".repeat(2 * backslashes + 1)).append('"');
            } else {
                sb.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        // Backslashes before the closing quote must be doubled, or they would escape it.
        return sb.append("\\".repeat(2 * backslashes)).append('"').toString();
    }

    /** {@code CommandLineToArgvW(commandLine)}: the program name, then the arguments. */
    static List<String> parse(String commandLine) {
        List<String> argv = new ArrayList<>();
        int i = 0;
        int n = commandLine.length();
        StringBuilder program = new StringBuilder();
        if (n > 0 && commandLine.charAt(0) == '"') {
            i = 1;
            while (i < n && commandLine.charAt(i) != '"') {
                program.append(commandLine.charAt(i++));
            }
            i++;
        } else {
            while (i < n && !isBlank(commandLine.charAt(i))) {
                program.append(commandLine.charAt(i++));
            }
        }
        argv.add(program.toString());
        argv.addAll(parseArguments(i < n ? commandLine.substring(i) : ""));
        return argv;
    }

    /** The argument part of a command line (what RegisterApplicationRestart stores). */
    static List<String> parseArguments(String args) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = args.length();
        while (i < n && isBlank(args.charAt(i))) {
            i++;
        }
        if (i >= n) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        int quotes = 0;
        int backslashes = 0;
        while (i < n) {
            char c = args.charAt(i);
            if (isBlank(c) && quotes == 0) {
                out.add(cur.toString());
                cur.setLength(0);
                backslashes = 0;
                while (i < n && isBlank(args.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return out;
                }
            } else if (c == '\\') {
                cur.append(c);
                backslashes++;
                i++;
            } else if (c == '"') {
                // Half the backslashes stay; an odd one out escapes this quote.
                cur.setLength(cur.length() - (backslashes + 1) / 2);
                if (backslashes % 2 == 0) {
                    quotes++;
                } else {
                    cur.append('"');
                }
                i++;
                backslashes = 0;
                // Consecutive quotes: every third one is a literal quote (the post-2008 rule).
                while (i < n && args.charAt(i) == '"') {
                    if (++quotes == 3) {
                        cur.append('"');
                        quotes = 0;
                    }
                    i++;
                }
                if (quotes == 2) {
                    quotes = 0;
                }
            } else {
                cur.append(c);
                backslashes = 0;
                i++;
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
