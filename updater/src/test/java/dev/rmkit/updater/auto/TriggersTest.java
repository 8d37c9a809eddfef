package dev.rmkit.updater.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.updater.policy.MaintenanceWindow;
import dev.rmkit.updater.policy.Policy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TriggersTest {

    @Test
    void aStartFollowsTheIntervalOrAWindowOpeningWhicheverComesFirst() {
        Policy p = DeciderTest.BASE;
        assertEquals(DeciderTest.at("2026-11-27T16:00"), Triggers.nextRun(p, DeciderTest.at("2026-11-27T10:00")));
        assertEquals(DeciderTest.at("2026-11-28T02:00"), Triggers.nextRun(p, DeciderTest.at("2026-11-27T22:00")));
        assertEquals(DeciderTest.at("2026-11-28T08:00"), Triggers.nextRun(p, DeciderTest.at("2026-11-28T02:00")));
    }

    @Test
    void jumpingAheadGivesTheSameStartAsWalkingEveryStart() {
        Random random = new Random(15);
        for (int i = 0; i < 500; i++) {
            List<MaintenanceWindow> windows = new ArrayList<>();
            for (int w = random.nextInt(3); w > 0; w--) {
                int start = random.nextInt(24 * 60);
                int end = (start + 1 + random.nextInt(24 * 60 - 1)) % (24 * 60);
                windows.add(new MaintenanceWindow(EnumSet.of(DayOfWeek.of(1 + random.nextInt(7))), start,
                        end == 0 ? 24 * 60 : end));
            }
            Policy p = Policy.defaults("https://feed.example/m.json", DeciderTest.BERLIN).withWindows(windows);
            p = new Policy(p.feed(), p.channel(), Duration.ofMinutes(1 + random.nextInt(24 * 60)), p.checkSpread(),
                    p.windows(), p.zone(), p.deadline(), p.grace(), p.reboot(), p.onAcPower());
            Instant last = DeciderTest.FIRST_SEEN.plusSeconds(random.nextInt(7 * 86400));
            Instant x = last.plusSeconds(random.nextInt(20 * 86400));

            Instant walked = Triggers.nextRun(p, last);
            while (walked.isBefore(x)) {
                walked = Triggers.nextRun(p, walked);
            }
            assertEquals(walked, Triggers.firstRunAtOrAfter(p, last, x), p + " from " + last + " to " + x);
        }
    }
}
