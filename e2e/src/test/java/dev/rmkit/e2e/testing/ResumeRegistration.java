package dev.rmkit.e2e.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the next boot would run: the resume registrations rm-client wrote (a systemd unit for root, an
 * XDG autostart entry for a user), read back into the argv the boot would start. Parses the two
 * quoting rules that {@code ResumeEntries} writes.
 */
public final class ResumeRegistration {

    private ResumeRegistration() {}

    /** Every registration file in the story's unit and autostart directories. */
    public static List<Path> all(Story story) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path d : List.of(Path.of(story.env().get("RMKIT_SYSTEMD_UNIT_DIR")),
                Path.of(story.env().get("XDG_CONFIG_HOME")).resolve("autostart"))) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> p.toString().endsWith(".service") || p.toString().endsWith(".desktop")).sorted()
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    /** The argv of {@code ExecStart=} (systemd unit) or {@code Exec=} (desktop entry). */
    public static List<String> argv(Path file) throws IOException {
        boolean unit = file.toString().endsWith(".service");
        String key = unit ? "ExecStart=" : "Exec=";
        String line = Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + file)).substring(key.length());
        return unit ? systemd(line) : desktop(line.replace("\\\\", "\\"));
    }

    /** Every argument double-quoted, C escapes for {@code " \}, {@code %%} and {@code $$} doubled. */
    static List<String> systemd(String line) {
        List<String> out = new ArrayList<>();
        for (String a : tokens(line)) {
            out.add(a.replace("%%", "%").replace("$$", "$"));
        }
        return out;
    }

    /** Plain or double-quoted arguments with {@code " ` $ \} escaped inside quotes; {@code %%} doubled. */
    static List<String> desktop(String line) {
        return tokens(line).stream().map(a -> a.replace("%%", "%")).toList();
    }

    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == ' ') {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                cur = cur == null ? new StringBuilder() : cur;
                if (c == '"') {
                    quoted = true;
                } else {
                    cur.append(c);
                }
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
