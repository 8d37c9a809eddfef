package dev.rmkit.rm;

import java.util.List;
import java.util.Optional;

/**
 * The system side: reboot so that registered applications come back, log off, replace files at the
 * next boot, and resume work after the boot.
 */
public interface SystemControl {

    /**
     * Reboots so that applications registered for restart are restarted after it (Windows: the
     * cooperating apps on the desktop are asked, then InitiateShutdown with SHUTDOWN_RESTARTAPPS;
     * Linux: the cooperating apps are asked, ended and recorded, then the configured reboot command
     * runs; they come back after the boot, see {@link #restartAppsAfterReboot()}). A refusal stops the
     * reboot with an exception naming the app.
     */
    default void rebootRestartingApps(String reason) throws RmException {
        rebootRestartingApps(reason, false);
    }

    /**
     * Like {@link #rebootRestartingApps(String)}; with {@code force}, applications that refuse are
     * ended anyway (their work may be lost), as an updater's {@code --force} asks. Windows:
     * SHUTDOWN_FORCE_OTHERS | SHUTDOWN_FORCE_SELF (EWX_FORCEIFHUNG on the ExitWindowsEx fallback);
     * Linux: the apps are told the end is critical and a refusal does not stop the reboot.
     */
    void rebootRestartingApps(String reason, boolean force) throws RmException;

    /** Logs the current user off (Windows: ExitWindowsEx(EWX_LOGOFF)). */
    void logoff() throws RmException;

    /** Schedules a replacement (or, with no target, a deletion) for the next boot. */
    void replaceAtReboot(PendingReplacement replacement) throws RmException;

    /**
     * Withdraws replacements scheduled with {@link #replaceAtReboot}, so the next boot does not carry them
     * out; every other scheduled replacement (another program's too) stays exactly as it was. A
     * replacement matches by source and target (Windows compares paths without regard to case); one that
     * is not scheduled is ignored.
     */
    void withdrawAtReboot(List<PendingReplacement> replacements) throws RmException;

    /** The replacements still scheduled; after a boot an empty list means they all happened. */
    List<PendingReplacement> pendingReplacements() throws RmException;

    /**
     * Runs {@code argv} after the next boot or login, under {@code name}, until {@link #unregisterResume}
     * (Windows: a scheduled task — at boot as LocalSystem per-machine, at the user's logon per-user;
     * Linux: a one-shot autostart entry or systemd unit). Registering the same name again replaces it.
     */
    void registerResume(String name, List<String> argv) throws RmException;

    /** Removes a resume registration (after the resumed work finished). */
    void unregisterResume(String name) throws RmException;

    /**
     * Starts, once each and as their own users, the applications that {@link #rebootRestartingApps}
     * closed before an earlier boot, unless registered resume work is still unfinished (it runs first,
     * so the applications start on the files it installs). An updater calls this when its resume after
     * the boot is done. Windows restarts registered applications itself at logon, so the default does
     * nothing and returns an empty result.
     *
     * @return each application started, or not started with the reason
     */
    default RestartResult restartAppsAfterReboot() throws RmException {
        return new RestartResult(List.of());
    }

    /**
     * Who runs {@code process}, read from the live process, so that it can be started again as that
     * user after it is gone. An observation: empty when the process is gone, is another process
     * that reuses the pid (the start time differs), or the platform cannot tell.
     */
    Optional<AppOwner> ownerOf(ProcessId process);

    /**
     * Starts {@code command} (argv and working directory) as {@code owner}, detached, never with more
     * rights than that user has: a registered command is text any process of that user could have
     * set, so it must not run as the caller when the caller is more privileged (Linux: {@code
     * setpriv} to the owner's uid and gid when the caller is root, refused for another user's app
     * otherwise; Windows: the owner's own unelevated token — the caller's when it is the owner and not
     * elevated, the desktop shell's when the caller is elevated, the session user's from
     * WTSQueryUserToken when the caller is LocalSystem — and never for an app that ran elevated).
     *
     * @return the started process
     * @throws RmException if it cannot be started as that user, or it exited at once
     */
    ProcessId startAs(AppOwner owner, RestartCommand command) throws RmException;

    /**
     * The current boot's id, so work scheduled "for the next boot" is not done before it (Linux: the
     * kernel's random {@code boot_id}; Windows: the boot's start time, {@link BootIds#ofBootTime};
     * {@code RMKIT_BOOT_ID} replaces it for demos that simulate a reboot). Compare ids with
     * {@link BootIds#sameBoot}. "unknown-boot" where the platform has none.
     */
    String bootId();

    /**
     * True where the OS itself performs the {@link #replaceAtReboot} renames early in the next boot,
     * before any application starts (Windows, per-machine: MoveFileEx with MOVEFILE_DELAY_UNTIL_REBOOT,
     * which needs an administrator); false where nothing renames at boot and the caller's own resume
     * must do the work after it (Linux; Windows per-user).
     */
    boolean renamesAtBoot();
}
