package dev.rmkit.rm.windows;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinUser;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.BootIds;
import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.rm.windows.RegistryApi.Hive;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reboot, logoff, replace-at-reboot, resume-after-boot and the apps' owners on Windows (reference §7).
 * The install's scope decides the reboot fallback: a per-machine install (an elevated updater) hands
 * its renames to the OS (MOVEFILE_DELAY_UNTIL_REBOOT, administrators only) and resumes from a boot
 * task as LocalSystem; a per-user install cannot, so it does what Linux does — the journal keeps the
 * swap, the boot id tells "after the boot" — and resumes from a logon task of its user
 * ({@link ResumeEntries}). The reboot itself is {@link WindowsReboot}, the owners {@link WindowsOwners}.
 */
public final class WindowsSystemControl implements SystemControl {

    /**
     * The native seams of the system side.
     *
     * @param shutdown reboot, logoff, delayed renames, interactivity, uptime
     * @param registry PendingFileRenameOperations and old RunOnce values
     * @param tasks the resume tasks
     * @param windows the cooperating apps' windows a reboot asks
     * @param tokens owners and starting apps as them
     */
    record Apis(ShutdownApi shutdown, RegistryApi registry, ScheduledTasks tasks, SessionWindows windows,
            TokenApi tokens) {}

    private final Apis apis;
    private final boolean machineScope;
    private final Clock clock;
    private final WindowsReboot reboot;
    private final WindowsOwners owners;

    WindowsSystemControl(Apis apis, boolean machineScope, Clock clock) {
        this.apis = apis;
        this.machineScope = machineScope;
        this.clock = clock;
        this.reboot = new WindowsReboot(apis.shutdown(), apis.windows());
        this.owners = new WindowsOwners(apis.tokens());
    }

    /**
     * Asks the cooperating apps on this desktop, then InitiateShutdownW with SHUTDOWN_RESTARTAPPS.
     *
     * @throws RmException 351 naming the apps that refused (or did not answer); 1191 when other users
     *     are logged on and {@code force} is not given; any other failure to start the reboot
     */
    @Override
    public void rebootRestartingApps(String reason, boolean force) throws RmException {
        reboot.reboot(reason, force);
    }

    @Override
    public void logoff() throws RmException {
        Win32Errors.check("ExitWindowsEx", apis.shutdown().exitWindowsEx(WinUser.EWX_LOGOFF, RebootPlan.REASON));
    }

    /** MOVEFILE_DELAY_UNTIL_REBOOT: administrators and LocalSystem only, so a per-user install is refused here. */
    @Override
    public void replaceAtReboot(PendingReplacement r) throws RmException {
        if (!machineScope) {
            throw new RmException("MoveFileEx", Win32Errors.ERROR_ACCESS_DENIED, "a per-user install cannot schedule"
                    + " renames for the boot (MOVEFILE_DELAY_UNTIL_REBOOT needs an administrator)");
        }
        Path source = r.source();
        if (!source.isAbsolute() || !Files.exists(source)) {
            throw new RmException("MoveFileEx", "the source must be an existing absolute path: " + source);
        }
        if (r.target().isPresent()) {
            Path target = r.target().get();
            if (!target.isAbsolute() || target.getParent() == null || !Files.isDirectory(target.getParent())) {
                throw new RmException("MoveFileEx", "the target must be an absolute path in an existing directory: " + target);
            }
            Win32Errors.check("MoveFileEx", apis.shutdown().moveFileEx(source.toString(), Optional.of(target.toString()),
                    WinBase.MOVEFILE_DELAY_UNTIL_REBOOT | WinBase.MOVEFILE_REPLACE_EXISTING));
        } else {
            Win32Errors.check("MoveFileEx", apis.shutdown().moveFileEx(source.toString(), Optional.empty(),
                    WinBase.MOVEFILE_DELAY_UNTIL_REBOOT));
        }
    }

    /**
     * Rewrites {@code PendingFileRenameOperations} without the withdrawn pairs, keeping every other pair's
     * strings byte for byte (other programs' entries, {@code !} prefixes), or deletes the value when
     * nothing is left. Needs the rights that scheduling needed (HKLM).
     */
    @Override
    public void withdrawAtReboot(List<PendingReplacement> replacements) throws RmException {
        Optional<byte[]> raw = apis.registry().readRaw(Hive.LOCAL_MACHINE, PendingRenames.KEY, PendingRenames.VALUE);
        if (raw.isEmpty()) {
            return;
        }
        byte[] kept = PendingRenames.without(raw.get(), replacements);
        if (kept.length == raw.get().length) {
            return;
        }
        if (kept.length == 0) {
            apis.registry().deleteValue(Hive.LOCAL_MACHINE, PendingRenames.KEY, PendingRenames.VALUE);
        } else {
            apis.registry().setMultiString(Hive.LOCAL_MACHINE, PendingRenames.KEY, PendingRenames.VALUE, kept);
        }
    }

    @Override
    public List<PendingReplacement> pendingReplacements() throws RmException {
        return apis.registry().readRaw(Hive.LOCAL_MACHINE, PendingRenames.KEY, PendingRenames.VALUE)
                .map(PendingRenames::decode).orElse(List.of());
    }

    /**
     * After the boot: true when Windows carried out {@code r} — it is no longer pending, the source is
     * gone, and the target (for a replacement) exists.
     */
    public boolean happened(PendingReplacement r) throws RmException {
        boolean pending = pendingReplacements().stream().anyMatch(p -> PendingRenames.samePath(p.source(), r.source()));
        return !pending && !Files.exists(r.source()) && r.target().map(Files::exists).orElse(true);
    }

    /**
     * A boot task as LocalSystem (per-machine) or a logon task of this process's user (per-user) that
     * runs {@code argv}; registering again replaces it. It runs after every boot or logon until
     * {@link #unregisterResume}: a logon before the reboot does not use it up.
     */
    @Override
    public void registerResume(String name, List<String> argv) throws RmException {
        ResumeEntries.validateName(name);
        if (argv.isEmpty()) {
            throw new RmException("register resume", "argv needs at least the program");
        }
        String user = machineScope ? TokenApi.LOCAL_SYSTEM : apis.tokens().self().sid();
        apis.tasks().register(ResumeEntries.task(name, argv, machineScope, user));
    }

    @Override
    public void unregisterResume(String name) throws RmException {
        ResumeEntries.validateName(name);
        apis.tasks().delete(ResumeEntries.taskPath(name, machineScope));
        // A RunOnce value an earlier version registered.
        apis.registry().deleteValue(machineScope ? Hive.LOCAL_MACHINE : Hive.CURRENT_USER, ResumeEntries.RUN_ONCE_KEY, name);
    }

    /** Per-machine: Windows performs MOVEFILE_DELAY_UNTIL_REBOOT renames itself. Per-user: nothing renames at boot. */
    @Override
    public boolean renamesAtBoot() {
        return machineScope;
    }

    /**
     * {@code RMKIT_BOOT_ID} when set (demos simulate a boot with it), else the boot's start time: the
     * wall clock minus GetTickCount64, which counts sleep and hibernation too ({@link BootIds} compares
     * two such ids with a tolerance for clock corrections).
     */
    @Override
    public String bootId() {
        String own = System.getenv("RMKIT_BOOT_ID");
        if (own != null && !own.isBlank()) {
            return own.strip();
        }
        return BootIds.ofBootTime(Instant.ofEpochMilli(clock.millis() - apis.shutdown().uptimeMillis()));
    }

    /**
     * GetSystemPowerStatus: online is mains, offline is battery; unknown (255, or the call failed) is
     * empty, so a condition on it never blocks an update.
     */
    @Override
    public Optional<Boolean> onAcPower() {
        return switch (apis.shutdown().acLineStatus()) {
            case Kernel32Ext.AC_LINE_ONLINE -> Optional.of(true);
            case Kernel32Ext.AC_LINE_OFFLINE -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** The process token's SID, session and elevation, if the process is still the one listed. */
    @Override
    public Optional<AppOwner> ownerOf(ProcessId process) {
        return owners.ownerOf(process);
    }

    /** As the owner, unelevated; see {@link WindowsOwners} for the routes and what is refused. */
    @Override
    public ProcessId startAs(AppOwner owner, RestartCommand command) throws RmException {
        return owners.startAs(owner, command);
    }
}
