package dev.rmkit.bench.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet simulation's goals, on a smaller fleet with another seed than the documented run. */
class FleetSimTest {

    @Test
    void theGoalsHoldNoEarlyForceNoRebootOutsideAWindowOrTheGraceAndAlmostEveryOnlineInstallUpdated() {
        FleetSim.Result r = FleetSim.run(300, 7);

        assertEquals(0, r.tally().forcedBeforeDeadline);
        assertEquals(0, r.tally().forcedBeforeGraceEnd);
        assertEquals(0, r.tally().rebootsOutsideWindowOrGrace);
        List<SimInstall> online = r.onlineAtGraceEnd();
        Duration oneCheck = Duration.ofHours(7);
        assertTrue(r.updatedBy(online, oneCheck) >= 0.99 * online.size(),
                r.updatedBy(online, oneCheck) + " of " + online.size() + "\n" + r.table());
    }

    @Test
    void theSameSeedGivesTheSameTable() {
        assertEquals(FleetSim.run(100, 3).table(), FleetSim.run(100, 3).table());
    }

    @Test
    void aReleaseIsFirstOfferedOnlyWithinItsRolloutShare() {
        FleetSim.Result r = FleetSim.run(1000, 15);
        int dayZero = r.tally().offered[0];
        assertTrue(dayZero > 60 && dayZero < 140, "about 10% on day 0: " + dayZero);
    }
}
