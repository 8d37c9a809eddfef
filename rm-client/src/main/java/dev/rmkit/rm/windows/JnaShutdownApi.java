package dev.rmkit.rm.windows;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.UINT;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import dev.rmkit.rm.windows.jna.Advapi32Ext;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import dev.rmkit.rm.windows.jna.SYSTEM_POWER_STATUS;
import dev.rmkit.rm.windows.jna.USEROBJECTFLAGS;
import dev.rmkit.rm.windows.jna.User32Ext;
import java.util.Optional;

/**
 * {@link ShutdownApi} over advapi32/user32/kernel32. Only runs on Windows. The privilege is enabled
 * on the process token (ExitWindowsEx's doc speaks of the calling process; jna-platform's
 * Advapi32Util.Privilege uses a thread token and does not check ERROR_NOT_ALL_ASSIGNED).
 */
final class JnaShutdownApi implements ShutdownApi {

    @Override
    public int enableShutdownPrivilege() {
        HANDLEByReference token = new HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(),
                WinNT.TOKEN_ADJUST_PRIVILEGES | WinNT.TOKEN_QUERY, token)) {
            return Native.getLastError();
        }
        try {
            WinNT.LUID luid = new WinNT.LUID();
            if (!Advapi32.INSTANCE.LookupPrivilegeValue(null, WinNT.SE_SHUTDOWN_NAME, luid)) {
                return Native.getLastError();
            }
            WinNT.TOKEN_PRIVILEGES tp = new WinNT.TOKEN_PRIVILEGES(1);
            tp.Privileges[0] = new WinNT.LUID_AND_ATTRIBUTES(luid, new DWORD(WinNT.SE_PRIVILEGE_ENABLED));
            boolean ok = Advapi32.INSTANCE.AdjustTokenPrivileges(token.getValue(), false, tp, tp.size(), null, null);
            // TRUE even when the privilege is not held: only GetLastError says ERROR_NOT_ALL_ASSIGNED.
            int err = Native.getLastError();
            return ok ? (err == Win32Errors.ERROR_NOT_ALL_ASSIGNED ? err : 0) : err;
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    @Override
    public boolean interactive() {
        User32Ext u = User32Ext.instance();
        WinNT.HANDLE station = u.GetProcessWindowStation();
        USEROBJECTFLAGS flags = new USEROBJECTFLAGS();
        // A failure counts as not interactive: then nothing falls back to ExitWindowsEx.
        return station != null && u.GetUserObjectInformation(station, User32Ext.UOI_FLAGS, flags, flags.size(),
                new IntByReference()) && (flags.dwFlags & User32Ext.WSF_VISIBLE) != 0;
    }

    @Override
    public int acLineStatus() {
        SYSTEM_POWER_STATUS status = new SYSTEM_POWER_STATUS();
        return Kernel32Ext.instance().GetSystemPowerStatus(status) ? Byte.toUnsignedInt(status.ACLineStatus)
                : Kernel32Ext.AC_LINE_UNKNOWN;
    }

    @Override
    public long uptimeMillis() {
        return Kernel32.INSTANCE.GetTickCount64();
    }

    @Override
    public int initiateShutdown(String message, int flags, int reason) {
        try {
            return Advapi32Ext.instance().InitiateShutdownW(null, new WString(message), 0, flags, reason);
        } catch (UnsatisfiedLinkError e) {
            return Win32Errors.ERROR_PROC_NOT_FOUND;
        }
    }

    @Override
    public int exitWindowsEx(int flags, int reason) {
        boolean ok = User32.INSTANCE.ExitWindowsEx(new UINT(flags), new DWORD(Integer.toUnsignedLong(reason))).booleanValue();
        return ok ? 0 : Native.getLastError();
    }

    @Override
    public int moveFileEx(String source, Optional<String> target, int flags) {
        boolean ok = Kernel32.INSTANCE.MoveFileEx(source, target.orElse(null), new DWORD(flags));
        return ok ? 0 : Native.getLastError();
    }
}
