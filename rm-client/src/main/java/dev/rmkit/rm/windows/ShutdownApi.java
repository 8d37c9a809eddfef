package dev.rmkit.rm.windows;

import java.util.Optional;

/** The system-side calls, each returning a Win32 error code (0 = success) unless said otherwise. */
interface ShutdownApi {

    /**
     * Whether this process's window station is interactive (WSF_VISIBLE): false for a service or a
     * task running in session 0, where ExitWindowsEx can return success and do nothing (§7.1).
     */
    boolean interactive();

    /** GetTickCount64: milliseconds since the system started, sleep and hibernation included. */
    long uptimeMillis();

    /**
     * GetSystemPowerStatus's ACLineStatus: {@code AC_LINE_OFFLINE} (0), {@code AC_LINE_ONLINE} (1), or
     * {@code AC_LINE_UNKNOWN} (255), which is also the answer when the call fails.
     */
    int acLineStatus();

    /** Enables SeShutdownPrivilege in the process token; ERROR_NOT_ALL_ASSIGNED if the account lacks it. */
    int enableShutdownPrivilege();

    /** InitiateShutdownW on this machine, no grace period. */
    int initiateShutdown(String message, int flags, int reason);

    /** ExitWindowsEx; its BOOL turned into GetLastError's code. */
    int exitWindowsEx(int flags, int reason);

    /** MoveFileExW; an empty target means delete. */
    int moveFileEx(String source, Optional<String> target, int flags);
}
