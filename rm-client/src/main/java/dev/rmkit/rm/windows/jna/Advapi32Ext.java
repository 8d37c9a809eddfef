package dev.rmkit.rm.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.W32APIOptions;

/**
 * What rmkit needs from advapi32 and jna-platform's {@link Advapi32} lacks: {@code InitiateShutdownW}
 * and its flags, the shutdown reason codes of {@code reason.h} (reference/windows-api.md §7.2, §7.3),
 * and the two ways to start a process with another token (winbase.h, processthreadsapi.h).
 */
public interface Advapi32Ext extends Advapi32 {

    /** The library, loaded on first use. */
    static Advapi32Ext instance() {
        return Holder.INSTANCE;
    }

    /** Lazy holder of the loaded library. */
    final class Holder {
        private Holder() {}

        static final Advapi32Ext INSTANCE = Native.load("advapi32", Advapi32Ext.class, W32APIOptions.DEFAULT_OPTIONS);
    }

    /** Returns a Win32 error code, not a BOOL. Vista+. The calling thread needs SeShutdownPrivilege. */
    int InitiateShutdownW(WString lpMachineName, WString lpMessage, int dwGracePeriod, int dwShutdownFlags,
            int dwReason);

    /**
     * Starts a process with a primary token (TOKEN_QUERY | TOKEN_DUPLICATE | TOKEN_ASSIGN_PRIMARY) in
     * the caller's session. The caller needs SE_IMPERSONATE_NAME (administrators hold it).
     * {@code lpCommandLine} must be writable and NUL-terminated.
     */
    boolean CreateProcessWithTokenW(HANDLE hToken, int dwLogonFlags, WString lpApplicationName, char[] lpCommandLine,
            int dwCreationFlags, Pointer lpEnvironment, WString lpCurrentDirectory, STARTUPINFOW lpStartupInfo,
            WinBase.PROCESS_INFORMATION lpProcessInformation);

    /**
     * Starts a process with a primary token, in the token's session (LocalSystem starting a process
     * in a user's session). {@code lpCommandLine} must be writable and NUL-terminated.
     */
    boolean CreateProcessAsUserW(HANDLE hToken, WString lpApplicationName, char[] lpCommandLine,
            Pointer lpProcessAttributes, Pointer lpThreadAttributes, boolean bInheritHandles, int dwCreationFlags,
            Pointer lpEnvironment, WString lpCurrentDirectory, STARTUPINFOW lpStartupInfo,
            WinBase.PROCESS_INFORMATION lpProcessInformation);

    int SHUTDOWN_FORCE_OTHERS = 0x001;
    int SHUTDOWN_FORCE_SELF = 0x002;
    int SHUTDOWN_RESTART = 0x004;
    int SHUTDOWN_POWEROFF = 0x008;
    int SHUTDOWN_NOREBOOT = 0x010;
    int SHUTDOWN_GRACE_OVERRIDE = 0x020;
    int SHUTDOWN_INSTALL_UPDATES = 0x040;
    /** Restart the applications registered with RegisterApplicationRestart. */
    int SHUTDOWN_RESTARTAPPS = 0x080;
    int SHUTDOWN_SKIP_SVC_PRESHUTDOWN = 0x100;
    int SHUTDOWN_HYBRID = 0x200;

    int SHTDN_REASON_MAJOR_OPERATINGSYSTEM = 0x00020000;
    int SHTDN_REASON_MAJOR_SOFTWARE = 0x00030000;
    int SHTDN_REASON_MAJOR_APPLICATION = 0x00040000;
    int SHTDN_REASON_MAJOR_LEGACY_API = 0x00070000;
    int SHTDN_REASON_MINOR_MAINTENANCE = 0x00000001;
    int SHTDN_REASON_MINOR_INSTALLATION = 0x00000002;
    int SHTDN_REASON_MINOR_UPGRADE = 0x00000003;
    int SHTDN_REASON_MINOR_RECONFIG = 0x00000004;
    int SHTDN_REASON_FLAG_USER_DEFINED = 0x40000000;
    int SHTDN_REASON_FLAG_PLANNED = 0x80000000;
    /** Never pass 0 (logged as unplanned). This is what WiX Burn passes: 0x80040002. */
    int SHTDN_REASON_INSTALLATION_PLANNED =
            SHTDN_REASON_MAJOR_APPLICATION | SHTDN_REASON_MINOR_INSTALLATION | SHTDN_REASON_FLAG_PLANNED;
}
