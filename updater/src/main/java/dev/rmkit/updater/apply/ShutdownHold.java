package dev.rmkit.updater.apply;

import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.SystemControl;
import java.util.function.Supplier;

/**
 * The updater's own hold on shutdown while a swap runs up to its commit (taken before the holders are
 * asked to close, see {@link ClosingSwap}): a shutdown that arrives then waits for the commit instead of
 * cutting the swap (which the journal would repair at the next boot,
 * but only by running {@code resume}). Best effort: without a system side, or where the platform has no
 * such lock, the swap goes on unprotected by it.
 */
final class ShutdownHold {

    private ShutdownHold() {}

    static BusyHandle during(Supplier<SystemControl> system, String why) {
        try {
            return system.get().delayShutdown(why);
        } catch (RuntimeException e) {
            return BusyHandle.none();
        }
    }
}
