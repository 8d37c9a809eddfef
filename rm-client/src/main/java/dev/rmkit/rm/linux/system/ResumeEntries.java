package dev.rmkit.rm.linux.system;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders the two Linux "run once after the next boot or login" registrations: an XDG autostart
 * entry (per user; desktop sessions start it at login, and systemd-xdg-autostart-generator turns it
 * into a unit) and a systemd system unit (for root, started at boot without a login). Both run a
 * command that removes the registration itself once its work is done, which is what makes them
 * one-shot, like Windows' RunOnce. Pure functions; quoting follows each format's specification.
 */
public final class ResumeEntries {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DESKTOP_PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    private ResumeEntries() {}

    /** Registration names become file names: letters, digits, {@code ._-}. */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("not a valid resume name (letters, digits, ._-): " + name);
        }
        return name;
    }

    public static String desktopFileName(String name) {
        return "rmkit-resume-" + checkName(name) + ".desktop";
    }

    public static String unitFileName(String name) {
        return "rmkit-resume-" + checkName(name) + ".service";
    }

    /** The autostart entry (freedesktop Desktop Entry + Autostart specifications). */
    public static String desktopEntry(String name, List<String> argv) {
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=rmkit resume " + name + "\n"
                + "Comment=Finishes an update that waited for a reboot; removes itself when done\n"
                + "Exec=" + desktopExec(argv) + "\n"
                + "NoDisplay=true\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    /** The one-shot system unit; installed into multi-user.target.wants by a symlink. */
    public static String systemdUnit(String name, List<String> argv) {
        return systemdUnit(name, argv, false);
    }

    /**
     * The one-shot system unit; with {@code againIfKilled} systemd starts it again when it dies of a
     * signal ({@code Restart=on-abnormal}), not when it exits with a code: for a runner whose work is
     * safe to repeat and must not be left half done in this boot.
     */
    public static String systemdUnit(String name, List<String> argv, boolean againIfKilled) {
        return "[Unit]\n"
                + "Description=rmkit resume " + name + " (finishes an update that waited for a reboot)\n"
                + "After=local-fs.target\n"
                + "\n[Service]\n"
                + "Type=oneshot\n"
                + "ExecStart=" + systemdExec(argv) + "\n"
                + (againIfKilled ? "Restart=on-abnormal\nRestartSec=1\n" : "")
                + "\n[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    /**
     * An {@code Exec=} value: arguments with reserved characters are double-quoted, and inside quotes
     * {@code " ` $ \} are backslash-escaped; {@code %} is doubled (field codes). The file format then
     * escapes each backslash once more.
     */
    public static String desktopExec(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String arg : nonEmpty(argv)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            String a = arg.replace("%", "%%");
            if (DESKTOP_PLAIN.matcher(arg).matches()) {
                sb.append(a);
            } else {
                StringBuilder q = new StringBuilder("\"");
                for (char c : a.toCharArray()) {
                    if (c == '"' || c == '`' || c == '$' || c == '\\') {
                        q.append('\\');
                    }
                    q.append(c);
                }
                sb.append(q.append('"'));
            }
        }
        return sb.toString().replace("\\", "\\\\");
    }

    /**
     * An {@code ExecStart=} value: every argument double-quoted with C escapes for {@code " \}, and
     * {@code %} and {@code $} doubled so systemd expands neither specifiers nor variables.
     */
    public static String systemdExec(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String arg : nonEmpty(argv)) {
            if (arg.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a newline cannot be passed in ExecStart: " + arg);
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%")
                    .replace("$", "$$")).append('"');
        }
        return sb.toString();
    }

    private static List<String> nonEmpty(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv needs at least the program");
        }
        // systemd reads flags ("-", "@", "+", "!", ":") from the start of the first word even when it
        // is quoted; an absolute path starts with none of them, and is what both formats want anyway.
        if (!argv.get(0).startsWith("/")) {
            throw new IllegalArgumentException("the program must be an absolute path: " + argv.get(0));
        }
        for (String a : argv) {
            if (a.indexOf('\n') >= 0 || a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument cannot contain a newline or NUL: " + a);
            }
        }
        return argv;
    }
}
