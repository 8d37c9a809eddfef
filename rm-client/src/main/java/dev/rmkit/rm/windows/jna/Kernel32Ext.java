package dev.rmkit.rm.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary.StdCallCallback;
import com.sun.jna.win32.W32APIOptions;

/**
 * What rmkit needs from kernel32 and jna-platform's {@link Kernel32} lacks (reference/windows-api.md
 * §3, §4.2, §5, §6, §8): console control handlers and the close/logoff/shutdown events, the process
 * shutdown order, power requests, the power status, and the RESTART_* flags of RegisterApplicationRestart.
 */
public interface Kernel32Ext extends Kernel32 {

    /** The library, loaded on first use (never by merely loading this interface). */
    static Kernel32Ext instance() {
        return Holder.INSTANCE;
    }

    /** Lazy holder of the loaded library. */
    final class Holder {
        private Holder() {}

        static final Kernel32Ext INSTANCE = Native.load("kernel32", Kernel32Ext.class, W32APIOptions.DEFAULT_OPTIONS);
    }

    // Console control events; jna-platform's Wincon has only CTRL_C_EVENT (0) and CTRL_BREAK_EVENT (1).
    int CTRL_CLOSE_EVENT = 2;
    int CTRL_LOGOFF_EVENT = 5;
    int CTRL_SHUTDOWN_EVENT = 6;

    /** {@code PHANDLER_ROUTINE}: WINAPI, so stdcall. Runs on a thread the system creates. */
    interface PHANDLER_ROUTINE extends StdCallCallback {
        boolean callback(int dwCtrlType);
    }

    boolean SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, boolean Add);

    /** CreateProcessW with {@link STARTUPINFOW}; {@code lpCommandLine} writable and NUL-terminated. */
    boolean CreateProcessW(WString lpApplicationName, char[] lpCommandLine, Pointer lpProcessAttributes,
            Pointer lpThreadAttributes, boolean bInheritHandles, int dwCreationFlags, Pointer lpEnvironment,
            WString lpCurrentDirectory, STARTUPINFOW lpStartupInfo, WinBase.PROCESS_INFORMATION lpProcessInformation);

    /** Levels 0x000-0x4FF, higher is asked earlier; the default is 0x280. */
    boolean SetProcessShutdownParameters(int dwLevel, int dwFlags);

    boolean GetProcessShutdownParameters(IntByReference lpdwLevel, IntByReference lpdwFlags);

    int SHUTDOWN_NORETRY = 0x1;

    /** Windows 7+; returns INVALID_HANDLE_VALUE on failure; CloseHandle when done. */
    HANDLE PowerCreateRequest(REASON_CONTEXT Context);

    boolean PowerSetRequest(HANDLE PowerRequest, int RequestType);

    boolean PowerClearRequest(HANDLE PowerRequest, int RequestType);

    // POWER_REQUEST_TYPE
    int PowerRequestDisplayRequired = 0;
    int PowerRequestSystemRequired = 1;
    int PowerRequestAwayModeRequired = 2;
    int PowerRequestExecutionRequired = 3;

    int POWER_REQUEST_CONTEXT_VERSION = 0;
    int POWER_REQUEST_CONTEXT_SIMPLE_STRING = 0x1;
    int POWER_REQUEST_CONTEXT_DETAILED_STRING = 0x2;

    /** Mains or battery ({@link SYSTEM_POWER_STATUS#ACLineStatus}); FALSE on failure. */
    boolean GetSystemPowerStatus(SYSTEM_POWER_STATUS lpSystemPowerStatus);

    // SYSTEM_POWER_STATUS.ACLineStatus
    int AC_LINE_OFFLINE = 0;
    int AC_LINE_ONLINE = 1;
    int AC_LINE_UNKNOWN = 0xFF;

    // RegisterApplicationRestart (declared by jna-platform's Kernel32, but not these constants)
    /** Characters, excluding the terminating NUL. */
    int RESTART_MAX_CMD_LINE = 1024;
    int RESTART_NO_CRASH = 1;
    int RESTART_NO_HANG = 2;
    int RESTART_NO_PATCH = 4;
    int RESTART_NO_REBOOT = 8;
}
