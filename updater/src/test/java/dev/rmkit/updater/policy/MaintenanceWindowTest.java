package dev.rmkit.updater.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final MaintenanceWindow SATURDAY_NIGHT = new MaintenanceWindow(EnumSet.of(DayOfWeek.SATURDAY), 120, 300);
    static final MaintenanceWindow LATE = new MaintenanceWindow(EnumSet.of(DayOfWeek.FRIDAY), 22 * 60, 4 * 60);

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @Test
    void containsItsStartButNotItsEnd() {
        // 2026-11-28 is a Saturday.
        assertFalse(SATURDAY_NIGHT.contains(at("2026-11-28T01:59:59"), BERLIN));
        assertTrue(SATURDAY_NIGHT.contains(at("2026-11-28T02:00"), BERLIN));
        assertTrue(SATURDAY_NIGHT.contains(at("2026-11-28T04:59:59"), BERLIN));
        assertFalse(SATURDAY_NIGHT.contains(at("2026-11-28T05:00"), BERLIN));
        assertFalse(SATURDAY_NIGHT.contains(at("2026-11-29T03:00"), BERLIN), "Sunday is not Saturday");
    }

    @Test
    void aWindowPastMidnightBelongsToTheDayItStarts() {
        assertTrue(LATE.contains(at("2026-11-27T23:00"), BERLIN), "Friday 23:00");
        assertTrue(LATE.contains(at("2026-11-28T03:59"), BERLIN), "Saturday 03:59, still Friday's window");
        assertFalse(LATE.contains(at("2026-11-28T04:00"), BERLIN));
        assertFalse(LATE.contains(at("2026-11-28T23:00"), BERLIN), "Saturday night is not Friday's");
        assertFalse(LATE.contains(at("2026-11-27T03:00"), BERLIN), "Friday early morning belongs to Thursday");
    }

    @Test
    void nextOpeningIsTheNextStartOnOneOfItsDays() {
        assertEquals(at("2026-11-28T02:00"), SATURDAY_NIGHT.nextOpening(at("2026-11-23T10:00"), BERLIN));
        assertEquals(at("2026-11-28T02:00"), SATURDAY_NIGHT.nextOpening(at("2026-11-28T02:00"), BERLIN));
        assertEquals(at("2026-12-05T02:00"), SATURDAY_NIGHT.nextOpening(at("2026-11-28T02:00:01"), BERLIN));
    }

    @Test
    void localTimesHoldAcrossDaylightSavingChanges() {
        MaintenanceWindow daily = new MaintenanceWindow(Set.of(), 120, 180);
        // Europe/Berlin leaves summer time on 2026-10-25 at 03:00 CEST -> 02:00 CET.
        assertEquals(at("2026-10-24T02:00"), daily.nextOpening(at("2026-10-24T00:00"), BERLIN));
        assertEquals(at("2026-10-26T02:00"), daily.nextOpening(at("2026-10-25T12:00"), BERLIN));
        // Spring forward on 2026-03-29: 02:00-03:00 does not exist; the window opens at 03:00 CEST.
        Instant gap = daily.nextOpening(at("2026-03-29T00:00"), BERLIN);
        assertEquals(LocalDateTime.parse("2026-03-29T03:00"), LocalDateTime.ofInstant(gap, BERLIN));
    }

    @Test
    void describesItselfForPeople() {
        assertEquals("Sat 02:00-05:00", SATURDAY_NIGHT.describe());
        assertEquals("daily 00:00-24:00", new MaintenanceWindow(Set.of(), 0, 1440).describe());
    }
}
