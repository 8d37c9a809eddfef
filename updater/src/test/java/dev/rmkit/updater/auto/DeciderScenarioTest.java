package dev.rmkit.updater.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Decider#after} and {@link Decider#next} over a sequence of runs, with the injected clock
 * stepping through the scheduler's starts ({@link Triggers}): the state remembers first sight,
 * counts deferrals, names the last refusal, and forecasts the next action in words.
 */
class DeciderScenarioTest {

    static final Refusal BURNING = new Refusal("burner", 4242, "Burning session 2 of 'Photos' - 40%",
            DeciderTest.at("2026-11-28T02:00"));

    @Test
    void firstSightStagesAndPlansTheNextTryInTheWindow() {
        Instant now = DeciderTest.FIRST_SEEN;
        AutoState s = Decider.after(DeciderTest.BASE, AutoState.NONE, Optional.of(DeciderTest.V2),
                RunResult.of(RunResult.Kind.STAGED), now);

        assertEquals("2.0.0", s.version());
        assertEquals(Optional.of(now), s.firstSeen());
        assertEquals(0, s.deferrals());
        assertEquals(Optional.of(DeciderTest.at("2026-11-30T10:00")), s.deadline());
        assertEquals(Optional.of(DeciderTest.at("2026-12-01T10:00")), s.forceAt());
        NextStep next = s.next().orElseThrow();
        assertEquals(Action.ASK, next.action());
        assertEquals(Optional.of(DeciderTest.at("2026-11-28T02:00")), next.at());
        assertEquals("2.0.0 staged; next try in the window Sat 02:00; forced after 2026-12-01 10:00",
                Words.summary(s, DeciderTest.BERLIN));
    }

    @Test
    void aRefusalIsACountedDeferralAndTheNextTryIsTheFirstRunPastTheDeadline() {
        AutoState staged = Decider.after(DeciderTest.BASE, AutoState.NONE, Optional.of(DeciderTest.V2),
                RunResult.of(RunResult.Kind.STAGED), DeciderTest.FIRST_SEEN);
        Instant saturday = DeciderTest.at("2026-11-28T02:00");

        AutoState s = Decider.after(DeciderTest.BASE, staged, Optional.of(DeciderTest.V2),
                new RunResult(RunResult.Kind.DEFERRED, List.of(BURNING)), saturday);

        assertEquals(1, s.deferrals());
        assertEquals(Optional.of(BURNING), s.lastRefusal());
        assertEquals(Optional.of(DeciderTest.FIRST_SEEN), s.firstSeen(), "first sight is kept");
        // Starts every 6 h from Saturday 02:00: the first at or after Monday 10:00 is Monday 14:00.
        assertEquals(Optional.of(DeciderTest.at("2026-11-30T14:00")), s.next().orElseThrow().at());
        assertEquals("2.0.0 staged; deferred 1 time, last by burner: Burning session 2 of 'Photos' - 40%; "
                + "next try Mon 14:00 (past the deadline: the apps are warned); forced after 2026-12-01 10:00",
                Words.summary(s, DeciderTest.BERLIN));
    }

    @Test
    void anUpdateClearsTheStateAndANewReleaseStartsItsOwnCount() {
        AutoState deferred = Decider.after(DeciderTest.BASE, DeciderTest.SEEN, Optional.of(DeciderTest.V2),
                new RunResult(RunResult.Kind.DEFERRED, List.of(BURNING)), DeciderTest.at("2026-11-28T02:00"));
        assertEquals(3, deferred.deferrals());

        AutoState updated = Decider.after(DeciderTest.BASE, deferred, Optional.of(DeciderTest.V2),
                RunResult.of(RunResult.Kind.UPDATED), DeciderTest.at("2026-11-28T02:10"));
        assertEquals("", updated.version());
        assertEquals(0, updated.deferrals());
        assertEquals(Action.NOTHING, updated.next().orElseThrow().action());

        AutoState newer = Decider.after(DeciderTest.BASE, deferred, Optional.of(Release.of("2.1.0")),
                RunResult.of(RunResult.Kind.STAGED), DeciderTest.at("2026-11-28T04:00"));
        assertEquals(0, newer.deferrals());
        assertEquals(Optional.empty(), newer.lastRefusal());
        assertEquals(Optional.of(DeciderTest.at("2026-11-28T04:00")), newer.firstSeen());
    }

    @Test
    void aRebootThePolicyNeverAllowsIsLeftToSomeoneElse() {
        AutoState s = Decider.after(DeciderTest.BASE.withReboot(dev.rmkit.updater.policy.RebootRule.NEVER),
                DeciderTest.SEEN, Optional.of(DeciderTest.V2), RunResult.of(RunResult.Kind.REBOOT_PENDING),
                DeciderTest.at("2026-11-28T03:00"));
        assertEquals(Action.AWAIT_REBOOT, s.next().orElseThrow().action());
        assertEquals(Optional.empty(), s.next().orElseThrow().at());
        assertTrue(Words.summary(s, DeciderTest.BERLIN).startsWith("2.0.0 staged, waits for a reboot; deferred 2 times"),
                Words.summary(s, DeciderTest.BERLIN));
    }

    /**
     * No run in the grace could ask (the machine was on battery under the power condition, or off): the
     * first run after deadline + grace does not force an app that was never told; it tells it, and the
     * forced close comes a grace later.
     */
    @Test
    void anAppNoRunCouldWarnIsWarnedAGraceBeforeItIsForced() {
        Policy p = DeciderTest.BASE.withOnAcPower(true);
        Instant onMains = DeciderTest.at("2026-12-02T10:00"); // a day after deadline + grace
        Decision first = Decider.decide(p, DeciderTest.SEEN, DeciderTest.V2, DeciderTest.AC, onMains);

        assertEquals(Action.ASK, first.action(), first.why());
        assertTrue(first.warn());
        assertEquals(Optional.of(DeciderTest.at("2026-12-03T10:00")), first.forceAt(), "the notice names a grace from now");
        AutoState warned = Decider.after(p, DeciderTest.SEEN, Optional.of(DeciderTest.V2),
                new RunResult(RunResult.Kind.DEFERRED, List.of(BURNING)), onMains);
        assertEquals(Optional.of(onMains), warned.noticeAt());
        assertEquals(Optional.of(DeciderTest.at("2026-12-03T10:00")), warned.forceAt());
        assertTrue(Words.summary(warned, DeciderTest.BERLIN).endsWith("forced after 2026-12-03 10:00"),
                Words.summary(warned, DeciderTest.BERLIN));

        assertEquals(Action.ASK, Decider.decide(p, warned, DeciderTest.V2, DeciderTest.AC,
                DeciderTest.at("2026-12-03T09:59")).action(), "refusals honoured until the time the notice named");
        assertEquals(Action.FORCE, Decider.decide(p, warned, DeciderTest.V2, DeciderTest.AC,
                DeciderTest.at("2026-12-03T10:00")).action());
    }

    /** Runs the scheduler's starts from first sight with an app that always refuses. */
    @Test
    void anAppThatAlwaysRefusesIsWarnedAfterTheDeadlineAndClosedOnlyAfterTheGrace() {
        Instant now = DeciderTest.FIRST_SEEN;
        AutoState s = AutoState.NONE;
        List<String> log = new ArrayList<>();
        Instant forcedAt = null;
        int deferralsBeforeForce = 0;
        while (forcedAt == null) {
            Decision d = Decider.decide(DeciderTest.BASE, s, DeciderTest.V2, Conditions.UNKNOWN, now);
            log.add(now + " " + d.action() + (d.warn() ? " warn" : ""));
            RunResult r = switch (d.action()) {
                case ASK -> new RunResult(RunResult.Kind.DEFERRED, List.of(BURNING));
                case STAGE -> RunResult.of(RunResult.Kind.STAGED);
                default -> RunResult.of(RunResult.Kind.UPDATED);
            };
            if (d.action() == Action.FORCE) {
                forcedAt = now;
                deferralsBeforeForce = s.deferrals();
            } else {
                assertFalse(d.warn() && now.isBefore(DeciderTest.at("2026-11-30T10:00")), "warned early: " + log);
            }
            s = Decider.after(DeciderTest.BASE, s, Optional.of(DeciderTest.V2), r, now);
            now = Triggers.nextRun(DeciderTest.BASE, now);
        }
        assertFalse(forcedAt.isBefore(DeciderTest.at("2026-12-01T10:00")), "forced before deadline + grace: " + log);
        assertTrue(forcedAt.isBefore(DeciderTest.at("2026-12-01T16:00")), "forced at the first start after it: " + log);
        assertEquals(1 + 4, deferralsBeforeForce, "Saturday's window, then every start in the grace period: " + log);
    }
}
