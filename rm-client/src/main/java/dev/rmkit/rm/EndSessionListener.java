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

    /** Asked to close (WM_CLOSE; the Linux "close" message): exit soon. */
    default void close() {}

    /** A power transition. While a {@link BusyHandle} is held, suspend requests are refused where the OS lets us. */
    default void powerEvent(PowerEvent event) {}
}
