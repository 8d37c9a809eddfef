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

    /**
     * Holds a shutdown or reboot back for as long as the handle is open, while work that must not be
     * cut runs (an updater's swap and commit). Linux: a logind {@code delay} lock on shutdown (a
     * shutdown that arrives waits until the handle closes, at most logind's
     * {@code InhibitDelayMaxSec}); {@link BusyHandle#effective()} says whether it was granted. The
     * default holds nothing. An observation, never an error: the caller goes on either way.
     */
    default BusyHandle delayShutdown(String reason) {
        return BusyHandle.none();
    }

    /** Logs the current user off (Windows: ExitWindowsEx(EWX_LOGOFF)). */
    /**
     * Makes the calling thread run ahead of the machine's other work until the returned boost is closed:
     * for the downtime, from the moment applications are asked to close until they are started again, so
     * that neither the closing applications' own teardown nor anything else on a busy machine delays the
     * swap and the restart. Linux: real-time scheduling ({@code SCHED_FIFO}, priority 1) for that thread
     * alone, with {@code SCHED_RESET_ON_FORK} so that nothing it starts (the restarted apps) inherits it,
     * where the process may (root, {@code CAP_SYS_NICE}, or an {@code RLIMIT_RTPRIO} above 0) and
     * {@code RMKIT_REALTIME} is not {@code 0}. The default, and Windows for now, changes nothing. Never an
     * error: the caller goes on either way.
     */
    default Boost boostThisThread() {
        return Boost.none();
    }

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
     * Whether {@code process} (this pid with this start time: not a later process that reuses the pid)
     * still runs; empty where the platform does not say. Linux: {@code /proc}, a process whose main thread
     * exited while another thread runs counting as running, one a fatal signal is killing as not. The
     * default says nothing (Windows, for now).
     */
    default Optional<Boolean> isRunning(ProcessId process) {
        return Optional.empty();
    }

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
     * The service unit {@code process} runs in, when a session stops that service through the
     * system's service manager (and so it can be started again through it), read from the live
     * process so that it can be recorded before it is stopped (Linux: systemd is the init and the
     * process is in a {@code .service} cgroup, with the user whose own manager runs it for a user
     * service). An observation: empty when the process is gone, is not a service's, or the platform
     * does not stop services through a manager. The default says nothing (Windows: RmRestart starts
     * the services it stopped, and nothing here records them).
     */
    default Optional<ServiceUnit> serviceOf(ProcessId process) {
        return Optional.empty();
    }

    /**
     * Starts a service an earlier session stopped, through the manager that runs it (Linux:
     * {@code systemctl start}, or {@code systemctl --user} as that user for a user service), unless
     * it is already up, which leaves it alone: recovery after a crash may ask again for a service
     * that was started before the crash, and a service is never started twice.
     *
     * @return whether it was already up, and its main process
     * @throws RmException if it cannot be started, or is not up afterwards (systemd's words)
     */
    default ServiceStart startService(ServiceUnit service) throws RmException {
        throw new RmException("start service", "this platform does not start services by name: start " + service
                + " again by hand");
    }

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

    /**
     * Whether the machine runs on mains power: true on AC, false on battery, empty when the OS cannot
     * tell (no battery or power-supply information: most servers, containers, virtual machines).
     * Linux reads {@code /sys/class/power_supply}; Windows asks GetSystemPowerStatus.
     */
    default Optional<Boolean> onAcPower() {
        return Optional.empty();
    }
}
