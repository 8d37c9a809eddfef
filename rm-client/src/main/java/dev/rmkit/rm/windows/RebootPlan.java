package dev.rmkit.rm.windows;

import dev.rmkit.rm.windows.jna.Advapi32Ext;
import com.sun.jna.platform.win32.WinUser;

/**
 * How rmkit reboots so registered applications come back: InitiateShutdownW(SHUTDOWN_RESTART |
 * SHUTDOWN_RESTARTAPPS) with the planned-installation reason 0x80040002, and, only where that call is
 * missing or unsupported (ERROR_INVALID_FUNCTION, ERROR_CALL_NOT_IMPLEMENTED — Wine's stub —,
 * ERROR_PROC_NOT_FOUND), ExitWindowsEx(EWX_REBOOT | EWX_RESTARTAPPS). Any other error is an answer,
 * not a missing function: in particular ERROR_SHUTDOWN_USERS_LOGGED_ON (other users would lose their
 * sessions) and ERROR_ACCESS_DENIED must not be "retried" another way (reference §7.1-§7.3).
 * A forced reboot adds SHUTDOWN_FORCE_OTHERS | SHUTDOWN_FORCE_SELF (sessions are logged off without
 * the chance to refuse) and, on the fallback, EWX_FORCEIFHUNG (apps that do not answer are ended).
 */
final class RebootPlan {

    static final int INITIATE_FLAGS = Advapi32Ext.SHUTDOWN_RESTART | Advapi32Ext.SHUTDOWN_RESTARTAPPS;
    static final int EXIT_WINDOWS_FLAGS = WinUser.EWX_REBOOT | WinUser.EWX_RESTARTAPPS;
    static final int REASON = Advapi32Ext.SHTDN_REASON_INSTALLATION_PLANNED;

    private RebootPlan() {}

    static int initiateFlags(boolean force) {
        return force ? INITIATE_FLAGS | Advapi32Ext.SHUTDOWN_FORCE_OTHERS | Advapi32Ext.SHUTDOWN_FORCE_SELF
                : INITIATE_FLAGS;
    }

    static int exitWindowsFlags(boolean force) {
        return force ? EXIT_WINDOWS_FLAGS | WinUser.EWX_FORCEIFHUNG : EXIT_WINDOWS_FLAGS;
    }

    static boolean fallBackToExitWindows(int initiateShutdownError) {
        return initiateShutdownError == Win32Errors.ERROR_INVALID_FUNCTION
                || initiateShutdownError == Win32Errors.ERROR_CALL_NOT_IMPLEMENTED
                || initiateShutdownError == Win32Errors.ERROR_PROC_NOT_FOUND;
    }
}
