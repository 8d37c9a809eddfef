package dev.rmkit.checks.os;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What in a test source needs Linux or POSIX, so that the test cannot run on Windows: the rule's
 * vocabulary, kept in one place. Each method answers with a short description of the use, or empty.
 * Mentions that are only data (a file named {@code bin/burner} inside a release, {@code /usr/bin/java}
 * in a quoting test) are deliberately not matched: only exact tool names and paths count.
 */
final class PosixFacilities {

    private PosixFacilities() {}

    /** Programs that Windows does not have (or not under this name). */
    static final Set<String> TOOLS = Set.of("sleep", "setsid", "setpriv", "fuser", "lsof", "sh", "bash", "dash",
            "xorriso", "isoinfo", "isovfy", "bsdtar", "strace", "systemctl", "systemd-run", "systemd-inhibit",
            "systemd-nspawn", "loginctl", "busctl", "journalctl", "getconf", "python3", "touch", "pkill", "killall",
            "nsenter", "unshare", "debootstrap", "hyperfine", "zstd", "mkfifo", "chmod", "chown");

    /** The types of the POSIX-only parts of the JDK. */
    private static final Set<String> POSIX_TYPES = Set.of("PosixFilePermission", "PosixFilePermissions",
            "PosixFileAttributeView", "PosixFileAttributes", "setPosixFilePermissions", "getPosixFilePermissions",
            "UnixDomainSocketAddress");

    /** Classes of rm-client's Linux backend whose construction starts reading /proc, sockets or systemd. */
    static final Set<String> LINUX_BACKEND = Set.of("LinuxPlatform", "LinuxSystemControl", "ProcFs", "Inhibitor");

    private static final Pattern TOOL_PATH = Pattern.compile("/(usr/)?(local/)?s?bin/([A-Za-z0-9._-]+)");
    private static final Pattern MODE = Pattern.compile("[r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]");
    private static final Pattern LINUX_PATH = Pattern.compile("/(proc|sys|dev)(/.*)?");

    /** Words that make an assumption or an {@code if} an OS condition (it names the tool or the OS). */
    private static final Pattern OS_WORDS = Pattern.compile("(?i)(/proc|posix|\\bunix\\b|linux|windows|os\\.name"
            + "|\\bOS\\.|isCurrentOs|systemd|\\b(" + String.join("|", TOOLS.stream().sorted().toList()) + ")\\b)");

    /** A string literal: a tool's name or path, a Linux-only path, a POSIX mode or a POSIX attribute. */
    static Optional<String> literal(String s) {
        String tool = s.startsWith("/") ? toolOfPath(s) : s;
        if (TOOLS.contains(tool)) {
            return Optional.of("runs `" + tool + "`");
        }
        if (LINUX_PATH.matcher(s).matches()) {
            return Optional.of("uses /" + s.split("/")[1]);
        }
        if (MODE.matcher(s).matches() && s.matches(".*[rwx].*")) {
            return Optional.of("POSIX file permissions (\"" + s + "\")");
        }
        if (s.startsWith("unix:") || s.startsWith("posix:")) {
            return Optional.of("POSIX file attributes (\"" + s + "\")");
        }
        return Optional.empty();
    }

    private static String toolOfPath(String s) {
        var m = TOOL_PATH.matcher(s);
        return m.matches() ? m.group(3) : "";
    }

    /** A type or member name: the JDK's POSIX-only types, and Unix-domain socket families. */
    static Optional<String> name(String name) {
        if (POSIX_TYPES.contains(name)) {
            return Optional.of(name.startsWith("Unix") ? "a Unix-domain socket (" + name + ")" : "POSIX file permissions (" + name + ")");
        }
        return Optional.empty();
    }

    /** {@code new X(...)} of the Linux backend. */
    static Optional<String> construction(String type) {
        return LINUX_BACKEND.contains(type) ? Optional.of("starts the Linux backend (new " + type + ")") : Optional.empty();
    }

    /** Whether the source text of an assumption or an {@code if} condition is about the OS or a tool. */
    static boolean namesTheOs(String text) {
        return OS_WORDS.matcher(text).find();
    }
}
