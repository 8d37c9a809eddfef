package dev.rmkit.rm.windows;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinUser;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.rm.windows.RegistryApi.Hive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reboot, logoff, replace-at-reboot and resume-after-boot on Windows (reference §7). Resume entries
 * go to HKLM for a per-machine install and HKCU for a per-user one; see {@link ResumeEntries} for
 * the RunOnce limits and the scheduled-task fallback.
 */
public final class WindowsSystemControl implements SystemControl {

    private final ShutdownApi shutdown;
    private final RegistryApi registry;
    private final TaskScheduler tasks;
    private final boolean machineScope;
    private final Path taskDirectory;

    WindowsSystemControl(ShutdownApi shutdown, RegistryApi registry, TaskScheduler tasks, boolean machineScope,
            Path taskDirectory) {
        this.shutdown = shutdown;
        this.registry = registry;
        this.tasks = tasks;
        this.machineScope = machineScope;
        this.taskDirectory = taskDirectory;
    }

    @Override
    public void rebootRestartingApps(String reason, boolean force) throws RmException {
        Objects.requireNonNull(reason, "reason");
        int privilege = shutdown.enableShutdownPrivilege();
        if (privilege != Win32Errors.ERROR_SUCCESS) {
            throw Win32Errors.exception("enable SeShutdownPrivilege", privilege);
        }
        int rc = shutdown.initiateShutdown(reason, RebootPlan.initiateFlags(force), RebootPlan.REASON);
        if (rc == Win32Errors.ERROR_SUCCESS) {
            return;
        }
        if (!RebootPlan.fallBackToExitWindows(rc)) {
            throw Win32Errors.exception("InitiateShutdownW", rc);
        }
        int fallback = shutdown.exitWindowsEx(RebootPlan.exitWindowsFlags(force), RebootPlan.REASON);
        if (fallback != Win32Errors.ERROR_SUCCESS) {
            throw new RmException("ExitWindowsEx", fallback, Win32Errors.describe(fallback)
                    + "; InitiateShutdownW had failed first: " + Win32Errors.describe(rc) + " (error " + rc + ")");
        }
    }

    @Override
    public void logoff() throws RmException {
        Win32Errors.check("ExitWindowsEx", shutdown.exitWindowsEx(WinUser.EWX_LOGOFF, RebootPlan.REASON));
    }

    @Override
    public void replaceAtReboot(PendingReplacement r) throws RmException {
        Path source = r.source();
        if (!source.isAbsolute() || !Files.exists(source)) {
            throw new RmException("MoveFileEx", "the source must be an existing absolute path: " + source);
        }
        if (r.target().isPresent()) {
            Path target = r.target().get();
            if (!target.isAbsolute() || target.getParent() == null || !Files.isDirectory(target.getParent())) {
                throw new RmException("MoveFileEx", "the target must be an absolute path in an existing directory: " + target);
            }
            Win32Errors.check("MoveFileEx", shutdown.moveFileEx(source.toString(), Optional.of(target.toString()),
                    WinBase.MOVEFILE_DELAY_UNTIL_REBOOT | WinBase.MOVEFILE_REPLACE_EXISTING));
        } else {
            Win32Errors.check("MoveFileEx", shutdown.moveFileEx(source.toString(), Optional.empty(),
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
        Optional<byte[]> raw = registry.readRaw(Hive.LOCAL_MACHINE, PendingRenames.KEY, PendingRenames.VALUE);
        if (raw.isEmpty()) {
            return;
        }
        byte[] kept = PendingRenames.without(raw.get(), replacements);
        if (kept.length == raw.get().length) {
            return;
        }
        if (kept.length == 0) {
            registry.deleteValue(Hive.LOCAL_MACHINE, PendingRenames.KEY, PendingRenames.VALUE);
        } else {
            registry.setMultiString(Hive.LOCAL_MACHINE, PendingRenames.KEY, PendingRenames.VALUE, kept);
        }
    }

    @Override
    public List<PendingReplacement> pendingReplacements() throws RmException {
        return registry.readRaw(Hive.LOCAL_MACHINE, PendingRenames.KEY, PendingRenames.VALUE)
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

    @Override
    public void registerResume(String name, List<String> argv) throws RmException {
        ResumeEntries.validateName(name);
        if (argv.isEmpty()) {
            throw new RmException("register resume", "argv needs at least the program");
        }
        String commandLine = CommandLines.join(argv);
        RmException runOnceFailure = null;
        if (ResumeEntries.fitsRunOnce(commandLine)) {
            try {
                registry.setString(hive(), ResumeEntries.RUN_ONCE_KEY, name, commandLine);
                return;
            } catch (RmException e) {
                runOnceFailure = e;
            }
        }
        Path xml = taskDirectory.resolve("rmkit-resume-" + name + ".xml");
        try {
            Files.createDirectories(taskDirectory);
            byte[] body = ResumeEntries.taskXml(name, argv, machineScope).getBytes(StandardCharsets.UTF_16LE);
            Files.write(xml, ByteBuffer.allocate(body.length + 2).put((byte) 0xFF).put((byte) 0xFE).put(body).array());
            int rc = tasks.run(ResumeEntries.createTask(name, xml.toString()));
            if (rc != 0) {
                throw new RmException("schtasks /Create", rc, "could not create the resume task"
                        + (runOnceFailure != null ? "; RunOnce had failed: " + runOnceFailure.getMessage()
                                : " (the command line is " + commandLine.length() + " characters, over RunOnce's "
                                        + ResumeEntries.RUN_ONCE_MAX_CHARS + ")"));
            }
        } catch (IOException e) {
            throw new RmException("register resume", "could not write " + xml, e);
        } finally {
            try {
                Files.deleteIfExists(xml);
            } catch (IOException e) {
                System.getLogger(WindowsSystemControl.class.getName()).log(System.Logger.Level.WARNING,
                        "could not delete " + xml, e);
            }
        }
    }

    @Override
    public void unregisterResume(String name) throws RmException {
        ResumeEntries.validateName(name);
        registry.deleteValue(hive(), ResumeEntries.RUN_ONCE_KEY, name);
        // Exit code 1 means there was no such task: nothing to remove.
        tasks.run(ResumeEntries.deleteTask(name));
    }

    private Hive hive() {
        return machineScope ? Hive.LOCAL_MACHINE : Hive.CURRENT_USER;
    }

    /** Windows performs MOVEFILE_DELAY_UNTIL_REBOOT renames itself, early in the next boot. */
    @Override
    public boolean renamesAtBoot() {
        return true;
    }

    /**
     * {@code RMKIT_BOOT_ID} when set (demos simulate a boot with it), else "unknown-boot": Windows
     * recognises "after the boot" by its own pending renames being gone, not by an id.
     */
    @Override
    public String bootId() {
        String own = System.getenv("RMKIT_BOOT_ID");
        return own == null || own.isBlank() ? "unknown-boot" : own.strip();
    }

    /** The owner is not read on Windows yet: callers then keep the app's command only. */
    @Override
    public Optional<AppOwner> ownerOf(ProcessId process) {
        return Optional.empty();
    }

    @Override
    public ProcessId startAs(AppOwner owner, RestartCommand command) throws RmException {
        throw new RmException("restart", "starting an app as another user is not available on Windows; "
                + "it is restarted by the Restart Manager (RmRestart) instead");
    }
}
