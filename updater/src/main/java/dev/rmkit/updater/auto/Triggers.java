package dev.rmkit.updater.auto;

import dev.rmkit.updater.policy.MaintenanceWindow;
import dev.rmkit.updater.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the OS scheduler starts {@code updater auto}, as {@code updater schedule install} registers it:
 * {@code check.every} after the previous start, and at every maintenance window's opening (so a window
 * shorter than the interval is never missed); each start then waits a random part of
 * {@code check.spread}, which this model leaves out. Any start, whatever triggered it, restarts the
 * interval, as systemd's {@code OnUnitActiveSec} does; a Windows task repeats on its own fixed grid
 * instead, so there the model is an approximation (never more than one interval off). The decision's
 * forecast and the fleet simulation both use this model.
 */
public final class Triggers {

    private Triggers() {}

    /** The next start after a start at {@code last}. */
    public static Instant nextRun(Policy p, Instant last) {
        Instant tick = last.plus(p.checkEvery());
        return nextOpeningAfter(p, last).filter(o -> o.isBefore(tick)).orElse(tick);
    }

    /**
     * The first start at or after {@code x}, given the previous start was at {@code last}. Between two
     * window openings the starts lie on the interval's grid, so this jumps from opening to opening
     * instead of walking every start.
     */
    public static Instant firstRunAtOrAfter(Policy p, Instant last, Instant x) {
        Instant t = last;
        long every = p.checkEvery().toMillis();
        while (true) {
            long steps = Math.max(1, -Math.floorDiv(-Duration.between(t, x).toMillis(), every));
            Instant tick = t.plusMillis(steps * every);
            Optional<Instant> opening = nextOpeningAfter(p, t);
            if (opening.isEmpty() || tick.isBefore(opening.get())) {
                return tick;
            }
            if (!opening.get().isBefore(x)) {
                return opening.get();
            }
            t = opening.get(); // a start at the opening restarts the interval
        }
    }

    /** The first window opening strictly after {@code t}; empty without windows. */
    static Optional<Instant> nextOpeningAfter(Policy p, Instant t) {
        Instant after = t.plusMillis(1);
        return p.windows().stream().map((MaintenanceWindow w) -> w.nextOpening(after, p.zone()))
                .min(Instant::compareTo);
    }
}
