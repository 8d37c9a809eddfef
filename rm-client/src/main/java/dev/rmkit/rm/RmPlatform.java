package dev.rmkit.rm;

/**
 * One operating system's Restart Manager: the entry point to the installer, application and system
 * sides. Get the running OS's from {@link RmPlatforms#current()}.
 */
public interface RmPlatform {

    /** A short name: {@code "windows"} or {@code "linux"}. */
    String name();

    /** Starts a new primary session ({@code RmStartSession}). */
    RestartSession startSession() throws RmException;

    /** Joins another process's session by its key ({@code RmJoinSession}); it may only register and close. */
    RestartSession joinSession(String key) throws RmException;

    /**
     * Makes this process a cooperating application: {@code listener} will be asked before the app is
     * closed. {@code appId} names the app to users and in the registry (letters, digits, {@code .-_}).
     */
    CooperatingApp cooperate(String appId, EndSessionListener listener) throws RmException;

    /** Reboot, logoff, replace-at-reboot and resume-after-boot. */
    SystemControl system();

    /**
     * This platform with another close timeout: how long a shutdown gives each app to exit after it
     * was told to end (Linux: the end-session timeout, 30 s by default). Windows decides that itself
     * (its own hung-app timeouts), so there this is the same platform.
     */
    default RmPlatform withCloseTimeout(java.time.Duration timeout) {
        return this;
    }
}
