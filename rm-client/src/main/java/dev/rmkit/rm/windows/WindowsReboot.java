package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.SessionWindows.AppWindow;
import java.util.List;
import java.util.Objects;

/**
 * How Windows reboots so registered apps come back (reference §7): the cooperating apps on this
 * desktop are asked first ({@link RebootQuery}; not when forced), SeShutdownPrivilege is enabled,
 * then InitiateShutdownW ({@link RebootPlan}). It falls back to ExitWindowsEx only where
 * InitiateShutdownW is missing or unsupported (1, 120, 127), and only from an interactive window
 * station: from a service or a session-0 task ExitWindowsEx may return success and do nothing, so a
 * success there would be a false "reboot initiated". 1191 (other users are logged on, not forced) is
 * "reboot required, not initiated": falling back would end their sessions. If the reboot does not
 * start, the apps that agreed are told it was cancelled.
 */
final class WindowsReboot {

    private final ShutdownApi shutdown;
    private final RebootQuery query;

    WindowsReboot(ShutdownApi shutdown, SessionWindows windows) {
        this.shutdown = shutdown;
        this.query = new RebootQuery(windows);
    }

    void reboot(String reason, boolean force) throws RmException {
        Objects.requireNonNull(reason, "reason");
        List<AppWindow> agreed = force ? List.of() : query.ask();
        try {
            initiate(reason, force);
        } catch (RmException | RuntimeException e) {
            query.cancel(agreed);
            throw e;
        }
    }

    private void initiate(String reason, boolean force) throws RmException {
        int privilege = shutdown.enableShutdownPrivilege();
        if (privilege != Win32Errors.ERROR_SUCCESS) {
            throw Win32Errors.exception("enable SeShutdownPrivilege", privilege);
        }
        int rc = shutdown.initiateShutdown(reason, RebootPlan.initiateFlags(force), RebootPlan.REASON);
        if (rc == Win32Errors.ERROR_SUCCESS) {
            return;
        }
        if (rc == Win32Errors.ERROR_SHUTDOWN_USERS_LOGGED_ON) {
            throw new RmException("reboot", rc, "not rebooting: other users are logged on to this computer and would"
                    + " lose their sessions; reboot when they have logged off, or use --force to log them off");
        }
        if (!RebootPlan.fallBackToExitWindows(rc)) {
            throw Win32Errors.exception("InitiateShutdownW", rc);
        }
        if (!shutdown.interactive()) {
            throw new RmException("reboot", rc, "InitiateShutdownW is not available here (" + Win32Errors.describe(rc)
                    + ", error " + rc + "), and ExitWindowsEx cannot reboot from a non-interactive process (a service"
                    + " or a task in session 0): it may report success and do nothing");
        }
        int fallback = shutdown.exitWindowsEx(RebootPlan.exitWindowsFlags(force), RebootPlan.REASON);
        if (fallback != Win32Errors.ERROR_SUCCESS) {
            throw new RmException("ExitWindowsEx", fallback, Win32Errors.describe(fallback)
                    + "; InitiateShutdownW had failed first: " + Win32Errors.describe(rc) + " (error " + rc + ")");
        }
    }
}
