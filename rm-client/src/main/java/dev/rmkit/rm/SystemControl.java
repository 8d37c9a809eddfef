package dev.rmkit.rm;

import java.util.List;

/**
 * The system side: reboot so that registered applications come back, log off, replace files at the
 * next boot, and resume work after the boot.
 */
public interface SystemControl {

    /**
     * Reboots so that applications registered for restart are restarted after it (Windows:
     * InitiateShutdown with SHUTDOWN_RESTARTAPPS; Linux: the configured reboot command, after
     * recording the registered apps for restart at login).
     */
    void rebootRestartingApps(String reason) throws RmException;

    /** Logs the current user off (Windows: ExitWindowsEx(EWX_LOGOFF)). */
    void logoff() throws RmException;

    /** Schedules a replacement (or, with no target, a deletion) for the next boot. */
    void replaceAtReboot(PendingReplacement replacement) throws RmException;

    /** The replacements still scheduled; after a boot an empty list means they all happened. */
    List<PendingReplacement> pendingReplacements() throws RmException;

    /**
     * Runs {@code argv} once after the next boot or login (Windows: RunOnce; Linux: a one-shot autostart
     * entry or systemd unit), under {@code name}.
     */
    void registerResume(String name, List<String> argv) throws RmException;

    /** Removes a resume registration (after the resumed work finished). */
    void unregisterResume(String name) throws RmException;
}
