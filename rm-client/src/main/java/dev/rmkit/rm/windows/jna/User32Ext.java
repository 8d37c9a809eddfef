package dev.rmkit.rm.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.W32APIOptions;

/**
 * What rmkit needs from user32 and jna-platform's {@link User32} lacks (reference/windows-api.md §4):
 * the end-session messages and their lParam bits, the shutdown block reason, the answer that denies
 * a suspend query, the extended style of WiX Burn's shown 0×0 popup, the shell window, and whether
 * this process's window station is interactive.
 */
public interface User32Ext extends User32 {

    /** The library, loaded on first use. */
    static User32Ext instance() {
        return Holder.INSTANCE;
    }

    /** Lazy holder of the loaded library. */
    final class Holder {
        private Holder() {}

        static final User32Ext INSTANCE = Native.load("user32", User32Ext.class, W32APIOptions.DEFAULT_OPTIONS);
    }

    /** Return TRUE to allow the session to end. (Not 16: that is WM_CLOSE.) */
    int WM_QUERYENDSESSION = 0x0011;
    /** wParam TRUE: the session really ends. Return 0. */
    int WM_ENDSESSION = 0x0016;
    /** First private message number for a window class's own use. */
    int WM_APP = 0x8000;

    // lParam bits of WM_QUERYENDSESSION / WM_ENDSESSION (a mask: test bits). None = shutdown or restart.
    int ENDSESSION_CLOSEAPP = 0x00000001;
    int ENDSESSION_CRITICAL = 0x40000000;
    /** Compare with {@code LPARAM.longValue()} as a long: an int literal would sign-extend. */
    long ENDSESSION_LOGOFF = 0x80000000L;

    /** Returned to PBT_APMQUERYSUSPEND to deny it (only pre-Vista systems send that query). */
    int BROADCAST_QUERY_DENY = 0x424D5144;

    int MAX_STR_BLOCKREASON = 256;

    /** Not activated when shown, and kept off the taskbar: WiX Burn's end-session window. */
    int WS_EX_NOACTIVATE = 0x08000000;

    /** Must be called from the thread that created {@code hWnd}, else ERROR_ACCESS_DENIED. */
    boolean ShutdownBlockReasonCreate(HWND hWnd, WString pwszReason);

    boolean ShutdownBlockReasonDestroy(HWND hWnd);

    boolean ShutdownBlockReasonQuery(HWND hWnd, char[] pwszBuff, IntByReference pcchBuff);

    /** The desktop shell's window (Explorer's), or null when no shell runs on this desktop. */
    HWND GetShellWindow();

    /** The calling process's window station ({@code HWINSTA}); not to be closed. */
    HANDLE GetProcessWindowStation();

    /** With {@link #UOI_FLAGS}, fills a {@link USEROBJECTFLAGS}. The W form (the function mapper adds it). */
    boolean GetUserObjectInformation(HANDLE hObj, int nIndex, USEROBJECTFLAGS pvInfo, int nLength,
            IntByReference lpnLengthNeeded);

    int UOI_FLAGS = 1;
    /** A window station's flag: it has visible display surfaces (an interactive desktop). */
    int WSF_VISIBLE = 0x0001;
}
