package dev.rmkit.updater.apply;

import dev.rmkit.updater.apps.WaitSink;
import dev.rmkit.updater.reboot.RebootMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a swap treats the applications that hold the files it changes: the same for apply, rollback and
 * uninstall.
 *
 * @param waitFor {@code --wait}: how long to keep asking refusing apps; zero defers at the first refusal
 * @param force {@code --force}: close apps even if they refuse
 * @param reboot {@code --reboot}: what to do when only a reboot frees the files
 * @param after what happens to the closed apps
 * @param closeTimeout {@code --close-timeout}: how long each app has to exit once told to close (the
 *     platform's default when empty)
 * @param waits who hears what the closing waits for (the CLI's live line)
 */
public record HolderOptions(Duration waitFor, boolean force, RebootMode reboot, AfterSwap after,
        Optional<Duration> closeTimeout, WaitSink waits) {
    public HolderOptions {
        Objects.requireNonNull(waitFor, "waitFor");
        if (waitFor.isNegative()) {
            throw new IllegalArgumentException("waitFor must not be negative: " + waitFor);
        }
        Objects.requireNonNull(reboot, "reboot");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        closeTimeout.filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> {
            throw new IllegalArgumentException("closeTimeout must be positive: " + d);
        });
        Objects.requireNonNull(waits, "waits");
    }

    /** The options with the platform's close timeout and nobody listening to the waits. */
    public HolderOptions(Duration waitFor, boolean force, RebootMode reboot, AfterSwap after) {
        this(waitFor, force, reboot, after, Optional.empty(), WaitSink.NONE);
    }

    /** What happens to the apps a swap closed. */
    public enum AfterSwap {
        /** Started again, whether the swap committed or was rolled back. */
        RESTART,
        /**
         * {@code --no-restart}: left closed, and recorded in {@code .rmkit/apps-left-closed.json} so that
         * {@code updater restart-apps} can start them later (recovery after a crash does not).
         */
        LEAVE_CLOSED,
        /** Uninstall: started again only if the swap was rolled back; after the commit their files are gone. */
        ONLY_IF_ROLLED_BACK
    }
}
