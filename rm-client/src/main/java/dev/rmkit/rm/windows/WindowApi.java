package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The hidden top-level window that receives end-session and power messages, on its own
 * message-loop thread. Not HWND_MESSAGE: a message-only window never gets WM_QUERYENDSESSION
 * (reference §0 item 6). {@link JnaWindowApi} is the real one; tests use a fake with a real thread.
 */
interface WindowApi {

    /** How the window procedure handles a message; empty means DefWindowProc. Runs on the window thread. */
    interface Handler {
        Optional<EndSessionDecider.Decision> handle(int msg, long wParam, long lParam);
    }

    /** Creates the window and starts its thread; returns once the window exists. */
    void open(String title, Handler handler) throws RmException;

    /** Runs {@code task} on the window thread and waits for it (ShutdownBlockReason* demand that thread). */
    <T> T call(Callable<T> task) throws RmException;

    /** ShutdownBlockReasonCreate for the window. Only on the window thread. */
    boolean blockReasonCreate(String reason);

    /** ShutdownBlockReasonDestroy for the window. Only on the window thread. */
    boolean blockReasonDestroy();

    /** Destroys the window and ends its thread. */
    void close();
}
