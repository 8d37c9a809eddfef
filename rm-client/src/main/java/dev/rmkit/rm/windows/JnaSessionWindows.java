package dev.rmkit.rm.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinDef.DWORDByReference;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.LRESULT;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import dev.rmkit.rm.windows.jna.User32Ext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SessionWindows} over user32: EnumWindows on this desktop (a process in session 0 sees none
 * of a user's windows), SendMessageTimeout with SMTO_ABORTIFHUNG. Only runs on Windows.
 */
final class JnaSessionWindows implements SessionWindows {

    @Override
    public List<AppWindow> cooperating() {
        User32Ext u = User32Ext.instance();
        int self = Kernel32.INSTANCE.GetCurrentProcessId();
        List<AppWindow> out = new ArrayList<>();
        WinUser.WNDENUMPROC each = (hwnd, data) -> {
            char[] cls = new char[256];
            int n = u.GetClassName(hwnd, cls, cls.length);
            if (n > 0 && new String(cls, 0, n).startsWith(CLASS_PREFIX)) {
                IntByReference pid = new IntByReference();
                u.GetWindowThreadProcessId(hwnd, pid);
                if (pid.getValue() != self) {
                    char[] text = new char[128];
                    int t = u.GetWindowText(hwnd, text, text.length);
                    out.add(new AppWindow(Pointer.nativeValue(hwnd.getPointer()),
                            Integer.toUnsignedLong(pid.getValue()), new String(text, 0, Math.max(0, t))));
                }
            }
            return true;
        };
        u.EnumWindows(each, null);
        return out;
    }

    @Override
    public Answer query(AppWindow window, int timeoutMillis) {
        DWORDByReference result = new DWORDByReference();
        LRESULT sent = User32Ext.instance().SendMessageTimeout(hwnd(window), User32Ext.WM_QUERYENDSESSION,
                new WPARAM(0), new LPARAM(0), WinUser.SMTO_ABORTIFHUNG, timeoutMillis, result);
        if (sent.longValue() == 0) {
            // SendMessageTimeout's doc: 0 with ERROR_TIMEOUT (or no error at all) means it timed out.
            int error = Native.getLastError();
            if (error == Win32Errors.ERROR_INVALID_WINDOW_HANDLE) {
                return Answer.GONE;
            }
            return error == Win32Errors.ERROR_TIMEOUT || error == 0 ? Answer.NO_ANSWER : Answer.UNREACHABLE;
        }
        return result.getValue().longValue() != 0 ? Answer.AGREED : Answer.REFUSED;
    }

    @Override
    public void cancelled(AppWindow window, int timeoutMillis) {
        User32Ext.instance().SendMessageTimeout(hwnd(window), User32Ext.WM_ENDSESSION, new WPARAM(0), new LPARAM(0),
                WinUser.SMTO_ABORTIFHUNG, timeoutMillis, new DWORDByReference());
    }

    private static HWND hwnd(AppWindow window) {
        return new HWND(new Pointer(window.handle()));
    }
}
