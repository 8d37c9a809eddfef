package dev.rmkit.rm.windows;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinDef.HINSTANCE;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.LRESULT;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinUser;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.jna.User32Ext;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hidden end-session window, done the way WiX Burn does it (reference §0 items 6 and 8): a
 * top-level 0×0 {@code WS_POPUP} with {@code WS_EX_NOACTIVATE}, shown with {@code SW_SHOWNA} — a
 * window that is not shown cannot veto a shutdown on Vista+, and NOACTIVATE keeps it off the taskbar
 * and out of the user's way. It lives on a dedicated daemon thread that pumps GetMessage; work that
 * must run on that thread (ShutdownBlockReason*, SetThreadExecutionState) is queued and signalled
 * with a private message.
 */
final class JnaWindowApi implements WindowApi {

    private static final int WM_RUN_TASKS = User32Ext.WM_APP + 1;
    private static final int WM_DESTROY_SELF = User32Ext.WM_APP + 2;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long TIMEOUT_SECONDS = 10;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<HWND> created = new CompletableFuture<>();
    private volatile Thread thread;
    private volatile HWND hwnd;
    /** Strongly referenced for as long as the window exists: the OS calls it. */
    private WinUser.WindowProc proc;

    @Override
    public void open(String title, Handler handler) throws RmException {
        String className = SessionWindows.CLASS_PREFIX + ProcessHandle.current().pid() + "." + COUNTER.incrementAndGet();
        Thread t = new Thread(() -> run(className, title, handler), "rmkit-end-session-window");
        t.setDaemon(true);
        thread = t;
        t.start();
        try {
            hwnd = created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RmException r ? r : new RmException("CreateWindowEx", "failed", e.getCause());
        } catch (TimeoutException e) {
            throw new RmException("CreateWindowEx", "the window thread did not start in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RmException("CreateWindowEx", "interrupted", e);
        }
    }

    private void run(String className, String title, Handler handler) {
        User32Ext u = User32Ext.instance();
        HINSTANCE module = Kernel32.INSTANCE.GetModuleHandle(null);
        proc = (h, msg, w, l) -> dispatch(u, handler, h, msg, w, l);
        WinUser.WNDCLASSEX wc = new WinUser.WNDCLASSEX();
        wc.hInstance = module;
        wc.lpfnWndProc = proc;
        wc.lpszClassName = className;
        if (!classRegistered(u.RegisterClassEx(wc))) {
            created.completeExceptionally(Win32Errors.exception("RegisterClassEx", Native.getLastError()));
            return;
        }
        HWND h = u.CreateWindowEx(User32Ext.WS_EX_NOACTIVATE, className, title, WinUser.WS_POPUP, 0, 0, 0, 0,
                null, null, module, null);
        if (h == null) {
            created.completeExceptionally(Win32Errors.exception("CreateWindowEx", Native.getLastError()));
            u.UnregisterClass(className, module);
            return;
        }
        u.ShowWindow(h, WinUser.SW_SHOWNA);
        created.complete(h);
        WinUser.MSG msg = new WinUser.MSG();
        while (u.GetMessage(msg, null, 0, 0) > 0) {
            u.TranslateMessage(msg);
            u.DispatchMessage(msg);
        }
        u.UnregisterClass(className, module);
    }

    /**
     * Whether RegisterClassEx succeeded: it returns a zero ATOM on failure, which jna-platform hands
     * back as a {@code WinDef.ATOM} object with value 0, never as null.
     */
    static boolean classRegistered(WinDef.ATOM atom) {
        return atom != null && atom.intValue() != 0;
    }

    private LRESULT dispatch(User32Ext u, Handler handler, HWND h, int msg, WPARAM w, LPARAM l) {
        if (msg == WM_RUN_TASKS) {
            for (Runnable r = tasks.poll(); r != null; r = tasks.poll()) {
                r.run();
            }
            return new LRESULT(0);
        }
        if (msg == WM_DESTROY_SELF) {
            u.DestroyWindow(h);
            return new LRESULT(0);
        }
        if (msg == WinUser.WM_DESTROY) {
            u.PostQuitMessage(0);
            return new LRESULT(0);
        }
        Optional<EndSessionDecider.Decision> d = handler.handle(msg, w.longValue(), l.longValue());
        if (d.isEmpty()) {
            return u.DefWindowProc(h, msg, w, l);
        }
        d.get().setBlockReason().ifPresent(r -> u.ShutdownBlockReasonCreate(h, new WString(r)));
        if (d.get().clearBlockReason()) {
            u.ShutdownBlockReasonDestroy(h);
        }
        return new LRESULT(d.get().result());
    }

    @Override
    public <T> T call(Callable<T> task) throws RmException {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new RmException("window thread", "task failed", e);
            }
        }
        FutureTask<T> f = new FutureTask<>(task);
        tasks.add(f);
        User32Ext.instance().PostMessage(hwnd, WM_RUN_TASKS, new WPARAM(0), new LPARAM(0));
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RmException("window thread", "task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new RmException("window thread", "the message loop did not run the task within "
                    + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RmException("window thread", "interrupted", e);
        }
    }

    @Override
    public boolean blockReasonCreate(String reason) {
        requireWindowThread();
        return User32Ext.instance().ShutdownBlockReasonCreate(hwnd, new WString(reason));
    }

    @Override
    public boolean blockReasonDestroy() {
        requireWindowThread();
        return User32Ext.instance().ShutdownBlockReasonDestroy(hwnd);
    }

    private void requireWindowThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("ShutdownBlockReason* must run on the window's thread");
        }
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t == null || hwnd == null) {
            return;
        }
        User32Ext.instance().PostMessage(hwnd, WM_DESTROY_SELF, new WPARAM(0), new LPARAM(0));
        if (Thread.currentThread() != t) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
