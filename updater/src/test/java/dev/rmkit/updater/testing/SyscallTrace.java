package dev.rmkit.updater.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system calls of an {@code strace -f -y} log, one {@link Call} per completed call, with the
 * {@code <unfinished ...>} / {@code <... resumed>} halves of calls interrupted by another thread
 * joined again. {@code -y} makes strace print every descriptor with its path ({@code 5</a/b>}), so
 * no descriptor table is needed.
 */
public final class SyscallTrace {

    /**
     * One completed call.
     *
     * @param line the line number of the call's end in the log (1-based), for messages
     * @param name the system call
     * @param args its arguments as strace prints them
     * @param result what it returned ({@code 0}, {@code 5</a/b>}, {@code -1 ENOENT (...)})
     */
    public record Call(int line, String name, List<String> args, String result) {
        public boolean succeeded() {
            return !result.startsWith("-1") && !result.equals("?");
        }

        /** The path of argument {@code i} when it is a descriptor printed with its path ({@code 5</a/b>}). */
        public Optional<String> fdPath(int i) {
            return i < args.size() ? descriptorPath(args.get(i)) : Optional.empty();
        }

        /** Argument {@code i} as a string literal's content ({@code "/a/b"} → {@code /a/b}). */
        public Optional<String> string(int i) {
            if (i >= args.size()) {
                return Optional.empty();
            }
            String a = args.get(i);
            return a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"") ? Optional.of(unescape(a.substring(1,
                    a.length() - 1))) : Optional.empty();
        }

        /** The path named by a (dirfd, path) pair starting at argument {@code i}, absolute. */
        public Optional<String> atPath(int i) {
            Optional<String> p = string(i + 1);
            if (p.isEmpty() || p.get().startsWith("/")) {
                return p;
            }
            return fdPath(i).map(dir -> dir + "/" + p.get());
        }
    }

    private static final Pattern CALL = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*)\\)\\s+=\\s+(.*)$");
    private static final Pattern UNFINISHED = Pattern.compile("^(\\d+)\\s+(.*) <unfinished \\.\\.\\.>$");
    private static final Pattern RESUMED = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. \\w+ resumed>(.*)$");
    private static final Pattern DESCRIPTOR = Pattern.compile("^(?:-?\\d+|AT_FDCWD)<(.*)>$");

    private SyscallTrace() {}

    public static List<Call> parse(List<String> lines) {
        List<Call> calls = new ArrayList<>();
        Map<String, String> pending = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            Matcher u = UNFINISHED.matcher(line);
            if (u.matches()) {
                pending.put(u.group(1), u.group(2));
                continue;
            }
            Matcher r = RESUMED.matcher(line);
            if (r.matches()) {
                String start = pending.remove(r.group(1));
                if (start == null) {
                    continue;
                }
                line = r.group(1) + " " + start + r.group(2);
            }
            Matcher c = CALL.matcher(line);
            if (c.matches()) {
                calls.add(new Call(n + 1, c.group(2), splitArgs(c.group(3)), c.group(4).strip()));
            }
        }
        return calls;
    }

    /** Splits an argument list at its top-level commas (not inside quotes, braces, brackets or {@code <path>}). */
    static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == '{' || ch == '[' || ch == '<' || ch == '(') {
                depth++;
            } else if (ch == '}' || ch == ']' || ch == '>' || ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start).strip());
        }
        return out;
    }

    static Optional<String> descriptorPath(String arg) {
        Matcher m = DESCRIPTOR.matcher(arg);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
