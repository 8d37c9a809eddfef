package dev.rmkit.rm;

import java.util.Set;

/**
 * The application side of a session end: how an app answers "may I close you?" and is told to end.
 * Calls arrive on a backend thread (the hidden window's message loop on Windows, the control socket's
 * thread on Linux), one at a time.
 */
public interface EndSessionListener {

    /** May the session end? Answer quickly (Windows gives about five seconds). */
    QueryAnswer queryEndSession(Set<EndSessionFlag> flags);

    /**
     * The session ends ({@code ending}) or the end was cancelled. When ending, persist everything before
     * returning: after this returns the process may be terminated at any moment.
     */
    void endSession(boolean ending, Set<EndSessionFlag> flags);

    /**
     * An installer will close this app at {@code notice.at()} even if it refuses then, because of
     * {@code notice.reason()}: warn the user, and save or checkpoint before that time. Only advice:
     * nothing ends now, and the app may be told again (later runs repeat it). Linux delivers it (the
     * protocol's {@code notice} message); Windows has no such message and never calls this.
     */
    default void endScheduled(EndNotice notice) {}

    /** Asked to close (WM_CLOSE; the Linux "close" message): exit soon. */
    default void close() {}

    /** A power transition. While a {@link BusyHandle} is held, suspend requests are refused where the OS lets us. */
    default void powerEvent(PowerEvent event) {}
}
