package dev.rmkit.updater.manifest;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which relative paths a manifest may name. A path must stay inside the install on every OS the
 * install could be copied to, so Windows rules apply on Linux too: no drive letters, UNC, NTFS
 * streams ({@code :}), device names ({@code NUL}, {@code com1.txt}), trailing dots or spaces (Windows
 * strips them, so two names would meet), no two paths that differ only in case or Unicode
 * normalization (one file on NTFS and on the default macOS volume), and no segment longer than file
 * systems allow. Pure functions, table-tested.
 */
public final class PathRules {
    /** Partial downloads in staging are {@code <path>.rmkit-part}; a release file may not look like one. */
    public static final String PART_SUFFIX = ".rmkit-part";

    /**
     * The longest name of one path segment, in UTF-8 bytes: ext4, XFS, Btrfs and APFS allow 255 bytes
     * and NTFS 255 UTF-16 units (never more than the UTF-8 bytes), so a longer name installs nowhere.
     */
    public static final int MAX_SEGMENT_BYTES = 255;

    private static final int MAX_LENGTH = 1024;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final Pattern DEVICE = Pattern.compile("(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\\$|CONOUT\\$)");
    private static final Set<Character> WINDOWS_FORBIDDEN = Set.of('<', '>', '"', '|', '?', '*');

    private PathRules() {}

    /** Why {@code path} may not appear in a manifest, or empty if it may. */
    public static Optional<String> violation(String path) {
        if (path.isEmpty()) {
            return Optional.of("empty path");
        }
        if (path.length() > MAX_LENGTH) {
            return Optional.of("longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(String.format(Locale.ROOT, "control character U+%04X", (int) c));
            }
        }
        if (path.startsWith("\\\\") || path.startsWith("//")) {
            return Optional.of("UNC path");
        }
        if (path.startsWith("/") || path.startsWith("\\")) {
            return Optional.of("absolute path");
        }
        if (DRIVE.matcher(path).matches()) {
            return Optional.of("drive letter");
        }
        if (path.indexOf('\\') >= 0) {
            return Optional.of("backslash (paths use '/')");
        }
        if (path.indexOf(':') >= 0) {
            return Optional.of("':' (an NTFS alternate data stream)");
        }
        String[] segments = path.split("/", -1);
        for (String s : segments) {
            Optional<String> v = segmentViolation(s);
            if (v.isPresent()) {
                return v;
            }
        }
        if (segments[0].equalsIgnoreCase(".rmkit")) {
            return Optional.of("'.rmkit' is the updater's state directory");
        }
        if (segments[segments.length - 1].toLowerCase(Locale.ROOT).endsWith(PART_SUFFIX)) {
            return Optional.of("'" + PART_SUFFIX + "' is reserved for partial downloads");
        }
        return Optional.empty();
    }

    private static Optional<String> segmentViolation(String s) {
        if (s.isEmpty()) {
            return Optional.of("empty segment");
        }
        if (s.equals("..")) {
            return Optional.of("'..' segment escapes the install");
        }
        if (s.equals(".")) {
            return Optional.of("'.' segment");
        }
        int bytes = s.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SEGMENT_BYTES) {
            return Optional.of("segment '" + s.substring(0, s.offsetByCodePoints(0, 16)) + "...' is " + bytes
                    + " bytes long in UTF-8; file systems allow " + MAX_SEGMENT_BYTES);
        }
        if (s.endsWith(".") || s.endsWith(" ")) {
            return Optional.of("segment '" + s + "' ends with a dot or space");
        }
        for (int i = 0; i < s.length(); i++) {
            if (WINDOWS_FORBIDDEN.contains(s.charAt(i))) {
                return Optional.of("character '" + s.charAt(i) + "' is not allowed on Windows");
            }
        }
        int dot = s.indexOf('.');
        String base = (dot < 0 ? s : s.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        if (DEVICE.matcher(base).matches()) {
            return Optional.of("'" + s + "' is a Windows device name");
        }
        return Optional.empty();
    }

    /**
     * Every violation in a manifest's file and removal paths, including the rules across paths:
     * duplicates that differ only in case, a path removed and shipped at once, and a path that is a
     * file in one entry and a directory in another. Empty if all are fine.
     */
    public static List<String> violations(List<String> files, List<String> removals) {
        List<String> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<String> all = new ArrayList<>(files);
        all.addAll(removals);
        for (int i = 0; i < all.size(); i++) {
            String p = all.get(i);
            String kind = i < files.size() ? "file" : "removal";
            Optional<String> v = violation(p);
            if (v.isPresent()) {
                out.add(kind + " path '" + p + "': " + v.get());
                continue;
            }
            String previous = seen.putIfAbsent(fold(p), p);
            if (previous != null) {
                out.add(kind + " path '" + p + "' duplicates '" + previous + "' (paths that differ only in case or"
                        + " Unicode normalization are one file on Windows or macOS)");
            }
        }
        for (String p : all) {
            String[] segments = p.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < segments.length - 1; i++) {
                prefix.append(i == 0 ? "" : "/").append(segments[i]);
                String clash = seen.get(fold(prefix.toString()));
                if (clash != null) {
                    out.add("path '" + clash + "' is both a file and the directory of '" + p + "'");
                }
            }
        }
        return out;
    }

    /**
     * The key of the duplicate check: Unicode NFC (so {@code café} composed and decomposed meet: one file
     * on macOS, and indistinguishable to a reader everywhere), then case folding (upper then lower, so
     * {@code ß}/{@code SS}-style pairs meet), then NFC again for what case mapping decomposed.
     */
    static String fold(String p) {
        String composed = Normalizer.normalize(p, Normalizer.Form.NFC);
        return Normalizer.normalize(composed.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
}
