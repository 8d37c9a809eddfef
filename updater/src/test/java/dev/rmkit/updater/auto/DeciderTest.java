package dev.rmkit.updater.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.updater.policy.MaintenanceWindow;
import dev.rmkit.updater.policy.Policy;
import dev.rmkit.updater.policy.RebootRule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Decider#decide}, table-driven: one policy (Saturday 02:00-05:00 in Berlin, deadline 7 days,
 * grace 1 day, reboots in the window) varied per row, a release first offered on Monday 2026-11-23
 * 10:00, and the run's time as the injected clock.
 */
class DeciderTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Policy BASE = Policy.defaults("https://feed.example/manifest.json", BERLIN)
            .withWindows(List.of(new MaintenanceWindow(EnumSet.of(DayOfWeek.SATURDAY), 120, 300)))
            .withReboot(RebootRule.IN_WINDOW);
    static final Instant FIRST_SEEN = at("2026-11-23T10:00");
    static final AutoState SEEN = new AutoState("2.0.0", Optional.of(FIRST_SEEN), 2, Optional.empty(),
            Optional.of(FIRST_SEEN), "deferred", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    /** SEEN, and the apps were told of the forced close at the deadline (Monday 10:00). */
    static final AutoState TOLD = SEEN.withNoticeAt(at("2026-11-30T10:00"));
    static final Release V2 = Release.of("2.0.0");
    static final Release V2_WAITING = V2.waitingForReboot();
    static final Conditions AC = Conditions.onAcPower(true);
    static final Conditions BATTERY = Conditions.onAcPower(false);

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    /** One row: what the run at {@code now} must decide. */
    record Row(String name, UnaryOperator<Policy> policy, AutoState state, Release release, Conditions conditions,
            String now, Action action, boolean warn, boolean mayReboot, boolean forceReboot) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, UnaryOperator<Policy> p, AutoState s, Release r, Conditions c, String now, Action a,
            boolean warn, boolean mayReboot, boolean forceReboot) {
        return new Row(name, p, s, r, c, now, a, warn, mayReboot, forceReboot);
    }

    static Stream<Row> rows() {
        UnaryOperator<Policy> same = p -> p;
        UnaryOperator<Policy> ac = p -> p.withOnAcPower(true);
        UnaryOperator<Policy> noWindows = p -> p.withWindows(List.of());
        UnaryOperator<Policy> never = p -> p.withDeadline(Optional.empty(), Duration.ZERO);
        UnaryOperator<Policy> rebootNever = p -> p.withReboot(RebootRule.NEVER);
        UnaryOperator<Policy> rebootAtDeadline = p -> p.withReboot(RebootRule.AT_DEADLINE);
        return Stream.of(
                row("first sight outside the window: stage only", same, AutoState.NONE, V2, AC,
                        "2026-11-23T10:00", Action.STAGE, false, false, false),
                row("tracked, Monday noon, outside the window: stage only", same, SEEN, V2, AC,
                        "2026-11-23T12:00", Action.STAGE, false, false, false),
                row("Saturday 03:00, in the window: ask; a reboot may follow", same, SEEN, V2, AC,
                        "2026-11-28T03:00", Action.ASK, false, true, false),
                row("Saturday 05:00, the window has closed", same, SEEN, V2, AC,
                        "2026-11-28T05:00", Action.STAGE, false, false, false),
                row("in the window but on battery, policy wants mains: stage only", ac, SEEN, V2, BATTERY,
                        "2026-11-28T03:00", Action.STAGE, false, false, false),
                row("in the window on battery, no power condition: ask", same, SEEN, V2, BATTERY,
                        "2026-11-28T03:00", Action.ASK, false, true, false),
                row("power unknown to the OS counts as met", ac, SEEN, V2, Conditions.UNKNOWN,
                        "2026-11-28T03:00", Action.ASK, false, true, false),
                row("at the deadline, outside the window: ask and warn; no reboot", same, SEEN, V2, AC,
                        "2026-11-30T10:00", Action.ASK, true, false, false),
                row("a second before the deadline: stage only", same, SEEN, V2, AC,
                        "2026-11-30T09:59:59", Action.STAGE, false, false, false),
                row("at deadline + grace: force; no reboot outside the window", same, TOLD, V2, AC,
                        "2026-12-01T10:00", Action.FORCE, false, false, true),
                row("at deadline + grace, never told (no run in the grace could ask): ask and warn, not force", same,
                        SEEN, V2, AC, "2026-12-01T10:00", Action.ASK, true, false, false),
                row("told only after deadline + grace: refusals honoured until a grace after the notice", same,
                        SEEN.withNoticeAt(at("2026-12-02T10:00")), V2, AC, "2026-12-03T09:00", Action.ASK, true, false, false),
                row("told only after deadline + grace, a grace later: force", same,
                        SEEN.withNoticeAt(at("2026-12-02T10:00")), V2, AC, "2026-12-03T10:00", Action.FORCE, false, false, true),
                row("past deadline + grace on battery with the power condition: stage only", ac, SEEN, V2, BATTERY,
                        "2026-12-05T03:00", Action.STAGE, false, false, false),
                row("past deadline + grace in the window: force, and the reboot is forced too", same, TOLD, V2, AC,
                        "2026-12-05T03:00", Action.FORCE, false, true, true),
                row("deadline never: weeks later outside the window, stage only", never, SEEN, V2, AC,
                        "2026-12-30T10:00", Action.STAGE, false, false, false),
                row("deadline never: in the window, ask without warning", never, SEEN, V2, AC,
                        "2026-12-26T03:00", Action.ASK, false, true, false),
                row("no windows: any time is a time to ask", noWindows, SEEN, V2, AC,
                        "2026-11-24T15:00", Action.ASK, false, true, false),
                row("a newer release starts its own clock: first seen now, stage only", same, SEEN,
                        Release.of("2.1.0"), AC, "2026-12-05T10:00", Action.STAGE, false, false, false),
                row("waiting for a boot, reboot never: wait", rebootNever, SEEN, V2_WAITING, AC,
                        "2026-11-28T03:00", Action.AWAIT_REBOOT, false, false, false),
                row("waiting for a boot, in the window: reboot, not forced", same, SEEN, V2_WAITING, AC,
                        "2026-11-28T03:00", Action.REBOOT, false, true, false),
                row("waiting for a boot, outside the window: wait", same, SEEN, V2_WAITING, AC,
                        "2026-11-24T15:00", Action.AWAIT_REBOOT, false, false, false),
                row("waiting for a boot, in the window, on battery with the condition: wait", ac, SEEN, V2_WAITING,
                        BATTERY, "2026-11-28T03:00", Action.AWAIT_REBOOT, false, false, false),
                row("reboot at-deadline, before deadline + grace, in the window: reboot, not forced", rebootAtDeadline,
                        SEEN, V2_WAITING, AC, "2026-11-28T03:00", Action.REBOOT, false, true, false),
                row("reboot at-deadline, before deadline + grace, outside the window: wait", rebootAtDeadline, SEEN,
                        V2_WAITING, AC, "2026-11-30T15:00", Action.AWAIT_REBOOT, false, false, false),
                row("reboot at-deadline, after deadline + grace, any hour: forced reboot", rebootAtDeadline, SEEN,
                        V2_WAITING, AC, "2026-12-01T15:00", Action.REBOOT, false, true, true),
                row("reboot at-deadline: a forced close may reboot too", rebootAtDeadline, TOLD, V2, AC,
                        "2026-12-01T15:00", Action.FORCE, false, true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        Decision d = Decider.decide(row.policy().apply(BASE), row.state(), row.release(), row.conditions(), at(row.now()));

        assertEquals(row.action(), d.action(), d.why());
        assertEquals(row.warn(), d.warn(), "warn: " + d.why());
        assertEquals(row.mayReboot(), d.mayReboot(), "mayReboot: " + d.why());
        assertEquals(row.forceReboot(), d.forceReboot(), "forceReboot: " + d.why());
    }
}
