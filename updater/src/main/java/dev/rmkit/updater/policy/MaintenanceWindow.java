package dev.rmkit.updater.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly maintenance window in local time: it opens at {@code start} on each of {@code days} and
 * closes at {@code end}, on the same day or, when {@code end} is not after {@code start}, on the next
 * (22:00-04:00). Times are local wall-clock times, so a window stays at 02:00 across daylight-saving
 * changes; a start that falls into a spring-forward gap opens at the first valid instant after it.
 *
 * @param days the days the window opens on
 * @param startMinute minutes after local midnight it opens (0..1439)
 * @param endMinute minutes after local midnight it closes (1..1440; 1440 is the end of the day)
 */
public record MaintenanceWindow(Set<DayOfWeek> days, int startMinute, int endMinute) {
    private static final int DAY = 24 * 60;

    public MaintenanceWindow {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (startMinute < 0 || startMinute >= DAY) {
            throw new IllegalArgumentException("start must be within the day: " + startMinute);
        }
        if (endMinute < 1 || endMinute > DAY) {
            throw new IllegalArgumentException("end must be within the day or 24:00: " + endMinute);
        }
        if (endMinute == startMinute) {
            throw new IllegalArgumentException("end equals start");
        }
    }

    /** Runs past midnight into the next day. */
    public boolean crossesMidnight() {
        return endMinute < startMinute;
    }

    /** Whether {@code t} lies in this window, seen in {@code zone}. */
    public boolean contains(Instant t, ZoneId zone) {
        LocalDate today = t.atZone(zone).toLocalDate();
        for (LocalDate d : new LocalDate[] {today.minusDays(1), today}) {
            if (days.contains(d.getDayOfWeek()) && !t.isBefore(opens(d, zone)) && t.isBefore(closes(d, zone))) {
                return true;
            }
        }
        return false;
    }

    /** The first opening at or after {@code t}. */
    public Instant nextOpening(Instant t, ZoneId zone) {
        LocalDate today = t.atZone(zone).toLocalDate();
        for (int i = 0; i <= 8; i++) {
            LocalDate d = today.plusDays(i);
            if (days.contains(d.getDayOfWeek()) && !opens(d, zone).isBefore(t)) {
                return opens(d, zone);
            }
        }
        throw new IllegalStateException("a weekly window opens within eight days");
    }

    /** When the window opens on {@code day} (whether or not it is one of its days). */
    public Instant openingOn(LocalDate day, ZoneId zone) {
        return opens(day, zone);
    }

    Instant opens(LocalDate day, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.of(day, java.time.LocalTime.MIDNIGHT).plusMinutes(startMinute), zone)
                .toInstant();
    }

    Instant closes(LocalDate day, ZoneId zone) {
        LocalDate closeDay = crossesMidnight() ? day.plusDays(1) : day;
        return ZonedDateTime.of(LocalDateTime.of(closeDay, java.time.LocalTime.MIDNIGHT).plusMinutes(endMinute), zone)
                .toInstant();
    }

    /** "Sat,Sun 02:00-05:00", or "daily 22:00-04:00". */
    public String describe() {
        String d = days.size() == 7 ? "daily" : String.join(",", days.stream()
                .map(x -> x.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList());
        return d + " " + hhmm(startMinute) + "-" + hhmm(endMinute);
    }

    static String hhmm(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    /** Parses {@code HH:MM} (and {@code 24:00}) as minutes after midnight. */
    public static int minuteOf(String hhmm) {
        Objects.requireNonNull(hhmm, "hhmm");
        if (!hhmm.matches("\\d\\d:\\d\\d")) {
            throw new IllegalArgumentException("not HH:MM: " + hhmm);
        }
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        if (m > 59 || h > 24 || (h == 24 && m != 0)) {
            throw new IllegalArgumentException("not a time of day: " + hhmm);
        }
        return h * 60 + m;
    }
}
