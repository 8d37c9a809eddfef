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
 * When a simulated machine is on, and on what power. A desktop or server is always on; a laptop is on
 * during its user's working hours on weekdays (each day's start and end jittered) and off otherwise,
 * so every morning is a boot; an absent laptop goes off for good on a random day (a holiday). Laptops
 * run on battery for parts of the day. All of it is drawn once from the seed: the simulation never
 * sleeps and never reads a clock.
 */
final class Machine {

    /** What kind of machine. */
    enum Kind { DESKTOP, LAPTOP, ABSENT_LAPTOP, SERVER }

    /** A half-open interval [from, to). */
    record Span(Instant from, Instant to) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    final Kind kind;
    final ZoneId zone;
    private final List<Span> on = new ArrayList<>();
    private final List<Span> battery = new ArrayList<>();

    Machine(Kind kind, ZoneId zone, Instant start, Instant end, Random r) {
        this.kind = kind;
        this.zone = zone;
        if (kind == Kind.DESKTOP || kind == Kind.SERVER) {
            on.add(new Span(start.minus(Duration.ofDays(1)), end));
            return;
        }
        Instant goneFrom = kind == Kind.ABSENT_LAPTOP ? start.plus(Duration.ofHours(r.nextInt(5 * 24))) : end;
        for (LocalDate d = start.atZone(zone).toLocalDate().minusDays(1); !d.atStartOfDay(zone).toInstant().isAfter(end);
                d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            ZonedDateTime morning = d.atTime(7, 30).atZone(zone).plusMinutes(r.nextInt(120));
            ZonedDateTime evening = d.atTime(17, 0).atZone(zone).plusMinutes(r.nextInt(150));
            Instant from = morning.toInstant();
            Instant to = evening.toInstant().isAfter(goneFrom) ? goneFrom : evening.toInstant();
            if (from.isBefore(to)) {
                on.add(new Span(from, to));
                // Unplugged for a meeting or two: up to two battery stretches a day.
                for (int i = r.nextInt(3); i > 0; i--) {
                    Instant b = from.plus(Duration.ofMinutes(r.nextInt((int) Duration.between(from, to).toMinutes())));
                    battery.add(new Span(b, b.plus(Duration.ofMinutes(30 + r.nextInt(120)))));
                }
            }
        }
    }

    boolean online(Instant t) {
        return on.stream().anyMatch(s -> s.contains(t));
    }

    /** When the machine is next switched on at or after {@code t} (a boot); empty if never again. */
    Optional<Instant> nextBoot(Instant t) {
        return on.stream().map(Span::from).filter(f -> !f.isBefore(t)).min(Instant::compareTo);
    }

    /** Whether it was switched off and on between {@code a} and {@code b}: a pending swap finishes at that boot. */
    Optional<Instant> bootBetween(Instant a, Instant b) {
        return on.stream().map(Span::from).filter(f -> f.isAfter(a) && !f.isAfter(b)).min(Instant::compareTo);
    }

    /** What the OS says about mains power: laptops can tell, desktops are on AC, servers cannot tell. */
    Optional<Boolean> onAc(Instant t) {
        return switch (kind) {
            case DESKTOP -> Optional.of(true);
            case SERVER -> Optional.empty();
            default -> Optional.of(battery.stream().noneMatch(s -> s.contains(t)));
        };
    }
}
