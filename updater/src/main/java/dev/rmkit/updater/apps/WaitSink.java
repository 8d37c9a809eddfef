package dev.rmkit.updater.apps;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppOutcome;
import java.time.Duration;
import java.util.List;

/**
 * Hears who the updater is waiting for while it closes the holders: the apps it asks to close, and
 * under {@code --wait} the refusals it waits out, with the time left. The CLI shows it as a live line
 * ({@code cli/WaitLine}); {@link #NONE} is quiet.
 */
public interface WaitSink {

    /** A closing round starts: each of {@code holders} is asked to close, given up to {@code timeout}. */
    void closing(List<AffectedApp> holders, Duration timeout);

    /** A round ended with these refusals; the updater asks again until {@code left} is over. */
    void waiting(List<AppOutcome> refusals, Duration left);

    /** The waiting is over (closed, deferred or given up). */
    void done();

    WaitSink NONE = new WaitSink() {
        @Override
        public void closing(List<AffectedApp> holders, Duration timeout) {}

        @Override
        public void waiting(List<AppOutcome> refusals, Duration left) {}

        @Override
        public void done() {}
    };
}
