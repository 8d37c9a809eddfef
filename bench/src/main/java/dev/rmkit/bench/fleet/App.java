package dev.rmkit.bench.fleet;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A cooperating app on a simulated machine and the times it is busy (it refuses to close then, with a
 * reason). A burner has sessions of 20 minutes to 3 hours during working hours and now and then a
 * long burn through the night; an editor has unsaved work for stretches of the day; an idle app never
 * refuses. Drawn once from the seed.
 */
final class App {

    /** What kind of app. */
    enum Kind { BURNER, EDITOR, IDLE }

    final Kind kind;
    final String name;
    private final List<Machine.Span> busy = new ArrayList<>();

    App(Kind kind, ZoneId zone, Instant start, Instant end, Random r) {
        this.kind = kind;
        this.name = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (kind == Kind.IDLE) {
            return;
        }
        for (LocalDate d = start.atZone(zone).toLocalDate().minusDays(1); !d.atStartOfDay(zone).toInstant().isAfter(end);
                d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            int sessions = weekend ? r.nextInt(2) : 1 + r.nextInt(kind == Kind.BURNER ? 4 : 3);
            for (int i = 0; i < sessions; i++) {
                ZonedDateTime s = d.atTime(8, 0).atZone(zone).plusMinutes(r.nextInt(10 * 60));
                int minutes = kind == Kind.BURNER ? 20 + r.nextInt(160) : 15 + r.nextInt(90);
                busy.add(new Machine.Span(s.toInstant(), s.toInstant().plus(Duration.ofMinutes(minutes))));
            }
            if (kind == Kind.BURNER && r.nextInt(10) == 0) { // an overnight archive burn
                ZonedDateTime s = d.atTime(21, 0).atZone(zone).plusMinutes(r.nextInt(180));
                busy.add(new Machine.Span(s.toInstant(), s.toInstant().plus(Duration.ofHours(3 + r.nextInt(5)))));
            }
        }
    }

    /** Its refusal at {@code t}, if it is busy then. */
    Optional<String> refusal(Instant t) {
        if (busy.stream().noneMatch(s -> s.contains(t))) {
            return Optional.empty();
        }
        return Optional.of(kind == Kind.BURNER ? "Burning session 2 of 'Photos'" : "Unsaved changes in report.odt");
    }
}
