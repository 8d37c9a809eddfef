package dev.rmkit.updater.auto;

import dev.rmkit.updater.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The decisions in words, for {@code updater status} and the reports: "2.0.0 staged; deferred 3 times,
 * last by burner: Burning session 2 of 'Photos' - 40%; next try in the window Sat 02:00; forced after
 * 2026-12-09 02:00". Text that came from an app (its name, its reason) is kept exact here, as JSON
 * carries it; the text outputs render the words through {@code SafeText}: it is another user's input.
 */
public final class Words {
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private Words() {}

    /** "Sat 02:00" within the coming six days, else "2026-12-09 02:00", in {@code zone}. */
    public static String when(Instant t, Instant now, ZoneId zone) {
        boolean soon = !t.isBefore(now) && Duration.between(now, t).compareTo(Duration.ofDays(6)) < 0;
        return (soon ? DAY_TIME : FULL).format(t.atZone(zone));
    }

    /** "2026-12-09 02:00" in {@code zone}. */
    public static String full(Instant t, ZoneId zone) {
        return FULL.format(t.atZone(zone));
    }

    static String next(Policy p, Decision d, Instant t, Instant now) {
        String at = when(t, now, p.zone());
        return switch (d.action()) {
            case ASK -> d.warn() ? "next try " + at + " (past the deadline: the apps are warned)"
                    : p.windows().isEmpty() ? "next try " + at : "next try in the window " + at;
            case FORCE -> "closed even if the apps refuse " + at;
            case REBOOT -> "reboot " + at + (d.forceReboot() ? " even if the apps refuse" : "");
            default -> "next check " + at;
        };
    }

    /** The whole state in one line, as {@code updater status} shows it. */
    public static String summary(AutoState s, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        if (s.version().isEmpty()) {
            parts.add(s.lastResult().isEmpty() ? "no unattended run yet" : "nothing to install");
        } else {
            parts.add(s.version() + " " + switch (s.lastResult()) {
                case "reboot-pending" -> "staged, waits for a reboot";
                case "reboot-started" -> "staged, rebooting to finish";
                case "failed" -> "not installed yet (the last run failed)";
                default -> "staged";
            });
        }
        if (s.deferrals() > 0) {
            String last = s.lastRefusal().map(r -> ", last by " + r.app() + ": " + r.reason())
                    .orElse("");
            parts.add("deferred " + s.deferrals() + (s.deferrals() == 1 ? " time" : " times") + last);
        }
        s.next().ifPresent(n -> parts.add(n.words()));
        s.forceAt().ifPresent(f -> parts.add("forced after " + full(f, zone)));
        return String.join("; ", parts);
    }
}
