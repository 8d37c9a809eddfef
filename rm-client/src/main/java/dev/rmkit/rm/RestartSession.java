package dev.rmkit.rm;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * An installer's Restart Manager session: register the resources about to change, learn who holds
 * them, close the holders (respecting refusals), and restart them afterwards.
 *
 * <p>Only the session that started it (the primary) may shut down, restart, cancel and filter; a
 * session joined by {@link RmPlatform#joinSession key} may only register resources and close.
 * Closing ends the session ({@code RmEndSession}); always close it, in a finally block or
 * try-with-resources.
 *
 * <p>Error policy: actions throw {@link RmException}; a refusal to close is not an error but a
 * {@link ShutdownResult} with outcome {@link ShutdownResult.Outcome#NOT_ALL_CLOSED}.
 */
public interface RestartSession extends AutoCloseable {

    /** A shutdown's {@code allClosed} where the caller has nothing to run then. */
    Consumer<ShutdownResult> NOTHING_AFTER = r -> { };

    /** The session key another process can join with. */
    String key();

    /** False for a session joined by key. */
    boolean isPrimary();

    /** Adds files (cumulative). Register files, never directories. */
    void registerFiles(Collection<Path> files) throws RmException;

    /** Adds processes (cumulative). */
    void registerProcesses(Collection<ProcessId> processes) throws RmException;

    /** Adds services by short name (cumulative). */
    void registerServices(Collection<String> serviceNames) throws RmException;

    /** Who holds the registered resources now, and the reboot reasons. */
    AffectedApps list() throws RmException;

    /**
     * What each cooperating holder is busy with right now: it is asked, as a shutdown would ask it,
     * whether it may be closed, and told at once that nothing ends; the apps that refuse are returned
     * with their reasons. Nothing is closed. Windows' Restart Manager cannot ask without shutting down,
     * so there this is empty.
     */
    default Map<ProcessId, String> busyReasons() throws RmException {
        return Map.of();
    }

    /**
     * Closes the holders. Without {@link ShutdownOption#FORCE} every cooperating app is asked first and
     * a single refusal closes nothing.
     *
     * @param progress receives 0..100, strictly increasing, from the calling or a backend thread
     * @throws RmCancelledException if {@link #cancel()} stopped it
     */
    ShutdownResult shutdown(Set<ShutdownOption> options, IntConsumer progress) throws RmException;

    /**
     * As {@link #shutdown(Set, IntConsumer)}; when it closes every app (its result {@link
     * ShutdownResult.Outcome#COMPLETE}, and only then), {@code allClosed} runs with that result before the
     * shutdown returns it: on Linux straight after the last app's exit was seen, before the session's own
     * bookkeeping and the caller's, so that an updater's swap and the first restart ({@link #restartFirstNow})
     * can follow the apps' exit at once. It runs on the calling thread, at most once, and must not throw;
     * {@link #restartFirstNow} may be called from it, no other method of the session.
     */
    default ShutdownResult shutdown(Set<ShutdownOption> options, IntConsumer progress, Consumer<ShutdownResult> allClosed)
            throws RmException {
        ShutdownResult r = shutdown(options, progress);
        if (r.outcome() == ShutdownResult.Outcome.COMPLETE) {
            allClosed.accept(r);
        }
        return r;
    }

    /**
     * Restarts what {@link #shutdown} closed and what registered for restart, with the registered
     * command lines and working directories.
     */
    RestartResult restart(IntConsumer progress) throws RmException;

    /**
     * Starts, now, the first app {@link #restart} would start, where that takes no more than telling a
     * process made ready for it while the apps were closed (Linux arms each restart: docs/linux-protocol.md)
     * and no filter keeps it down: for the shortest downtime, called as soon as its files are in place.
     * {@link #restart} must follow, in any case: it starts the others in their order, waits for this one's
     * proof of start as for any other, and reports it with them; it does not start it again. A service,
     * or an app whose restart was not armed, is left to {@link #restart}.
     *
     * @return whether it was started; false also where the platform has no such start (Windows)
     */
    default boolean restartFirstNow() {
        return false;
    }

    /**
     * Tells the cooperating apps that hold the registered resources when they will be closed even if
     * they refuse, and why ({@link EndSessionListener#endScheduled}). Advice only: nothing is closed,
     * and an app that cannot be reached or does not understand is skipped (and not listed).
     *
     * <p>Linux sends the protocol's {@code notice} message. Windows has no message an installer can
     * send an app for this, so there the default applies: nobody is told and the list is empty.
     *
     * @return the apps that acknowledged the notice
     */
    default List<AffectedApp> announceEnd(EndNotice notice) throws RmException {
        return List.of();
    }

    /** Cancels a shutdown or restart running on another thread; it then throws {@link RmCancelledException}. */
    void cancel() throws RmException;

    void addFilter(Filter filter) throws RmException;

    void removeFilter(FilterTarget target) throws RmException;

    List<Filter> filters() throws RmException;

    /** Ends the session. Never throws; a failure to end is logged. */
    @Override
    void close();
}
