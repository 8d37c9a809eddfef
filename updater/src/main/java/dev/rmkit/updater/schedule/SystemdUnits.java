package dev.rmkit.updater.schedule;

import dev.rmkit.updater.policy.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The systemd units that run {@code updater auto} (systemd.timer(5), systemd.service(5)): a oneshot
 * service, and a timer that starts it {@code check.every} after its last start ({@code OnUnitActiveSec}),
 * at every window's opening ({@code OnCalendar}, in the policy's time zone), two minutes after the timer
 * starts (at boot, or at registration), and after a missed window ({@code Persistent}), each start
 * delayed by up to {@code check.spread} ({@code RandomizedDelaySec}). Exit codes 75, 100 and 101 are
 * outcomes, not failures ({@code SuccessExitStatus}). Pure: text only.
 */
public final class SystemdUnits {

    /** The first line of every unit rmkit writes: remove deletes only files that carry it. */
    public static final String MARKER = "# Written by rmkit (updater schedule install); updater schedule remove deletes it.";

    private SystemdUnits() {}

    public static String service(ScheduleSpec s, boolean system) {
        StringBuilder sb = new StringBuilder(MARKER).append('\n');
        sb.append("[Unit]\n");
        sb.append("Description=rmkit unattended updates of ").append(specifiers(s.installDir().toString())).append('\n');
        if (system) {
            // A user manager cannot order itself after the system's network-online.target.
            sb.append("Wants=network-online.target\nAfter=network-online.target\n");
        }
        sb.append("\n[Service]\nType=oneshot\n");
        sb.append("ExecStart=").append(String.join(" ", s.argv().stream().map(SystemdUnits::quote).toList())).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(s.environment()).entrySet()) {
            sb.append("Environment=").append(quote(e.getKey() + "=" + e.getValue())).append('\n');
        }
        sb.append("SuccessExitStatus=75 100 101\n");
        return sb.toString();
    }

    public static String timer(ScheduleSpec s) {
        StringBuilder sb = new StringBuilder(MARKER).append('\n');
        sb.append("[Unit]\n");
        sb.append("Description=rmkit unattended updates of ").append(specifiers(s.installDir().toString()))
                .append(": when updater auto runs\n");
        sb.append("\n[Timer]\n");
        sb.append("OnActiveSec=2min\n");
        sb.append("OnUnitActiveSec=").append(s.every().toSeconds()).append("s\n");
        for (MaintenanceWindow w : s.windows()) {
            sb.append("OnCalendar=").append(calendar(w, s.zone())).append('\n');
        }
        if (!s.spread().isZero()) {
            sb.append("RandomizedDelaySec=").append(s.spread().toSeconds()).append("s\n");
        }
        sb.append("Persistent=true\n");
        sb.append("Unit=").append(s.name()).append(".service\n");
        sb.append("\n[Install]\nWantedBy=timers.target\n");
        return sb.toString();
    }

    /** A window's opening as a calendar event: {@code Sat,Sun *-*-* 02:00:00 Europe/Berlin}. */
    static String calendar(MaintenanceWindow w, ZoneId zone) {
        String days = w.days().size() == 7 ? "" : String.join(",", w.days().stream()
                .map((DayOfWeek d) -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList()) + " ";
        return String.format(Locale.ROOT, "%s*-*-* %02d:%02d:00 %s", days, w.startMinute() / 60, w.startMinute() % 60,
                zone.getId());
    }

    /**
     * One word of a command line or assignment, double-quoted with C escapes; {@code %} (specifiers) and
     * {@code $} (variables) doubled, so systemd passes it on exactly.
     */
    static String quote(String word) {
        if (word.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("cannot write a control character into a systemd unit: " + word);
        }
        return "\"" + specifiers(word.replace("\\", "\\\\").replace("\"", "\\\"")).replace("$", "$$") + "\"";
    }

    private static String specifiers(String text) {
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("cannot write a control character into a systemd unit: " + text);
        }
        return text.replace("%", "%%");
    }

    /** The names of the two units and the enabling link, for {@code name}. */
    static List<String> files(String name) {
        return List.of(name + ".service", name + ".timer");
    }
}
