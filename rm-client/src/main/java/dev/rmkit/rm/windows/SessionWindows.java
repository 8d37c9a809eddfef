package dev.rmkit.rm.windows;

import java.util.List;

/**
 * The end-session windows of rmkit's cooperating apps on this desktop ({@link JnaWindowApi} creates
 * them with the class-name prefix {@link #CLASS_PREFIX}), reached the way Windows reaches them at a
 * shutdown: WM_QUERYENDSESSION, then WM_ENDSESSION. {@link JnaSessionWindows} is the real one; tests
 * script a fake.
 */
interface SessionWindows {

    /** Every rmkit end-session window class starts with this; the pid and a counter follow. */
    String CLASS_PREFIX = "rmkit.EndSession.";

    /**
     * A cooperating app's window.
     *
     * @param handle the HWND
     * @param pid the process that owns it
     * @param title its window text: "rmkit " and the app id, as the app set it (untrusted)
     */
    record AppWindow(long handle, long pid, String title) {}

    /** What a window answered. */
    enum Answer {
        /** It returned TRUE: it may end. */
        AGREED,
        /** It returned FALSE: a veto. */
        REFUSED,
        /** It did not answer within the time. */
        NO_ANSWER,
        /** The message could not be delivered (a window of a higher integrity level: UIPI). */
        UNREACHABLE,
        /** The window no longer exists: its app has ended. */
        GONE
    }

    /** The cooperating windows on this desktop, except this process's own. */
    List<AppWindow> cooperating();

    /** Sends WM_QUERYENDSESSION (wParam 0, lParam 0: the system restarts) and waits at most {@code timeoutMillis}. */
    Answer query(AppWindow window, int timeoutMillis);

    /** Sends WM_ENDSESSION(FALSE): the end it agreed to is not happening. */
    void cancelled(AppWindow window, int timeoutMillis);
}
