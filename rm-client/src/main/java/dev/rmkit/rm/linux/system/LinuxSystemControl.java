package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.Boost;
import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ServiceStart;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.FileModes;
import dev.rmkit.rm.linux.protocol.Inhibitor;
import dev.rmkit.rm.linux.systemd.Inhibitors;
import dev.rmkit.rm.linux.systemd.Systemctl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Linux system side. Linux has no boot-time rename list, no RunOnce and no SHUTDOWN_RESTARTAPPS,
 * so: replacements for the next boot are recorded in a pending file that
 * {@link #runPendingReplacements()} carries out (the updater's {@code resume} calls it);
 * resume-after-boot is a one-shot XDG autostart entry for a user, or for root a systemd unit (see
 * {@link ResumeFiles}); a reboot first asks, ends and closes the cooperating apps of the runtime
 * directory and records their restart commands ({@link RebootRound}), hands every registered resume
 * over to one after-boot runner ({@link AfterBoot}) that runs them first and then starts the recorded
 * apps, and finally runs a configurable command ({@code systemctl reboot} by default) so tests
 * substitute a harmless one. docs/linux-protocol.md part 3 describes the whole sequence.
 */
public final class LinuxSystemControl implements SystemControl {

    /** The registration name of the after-boot runner. */
    public static final String AFTER_BOOT = "after-boot";
    private static final Path RUN = Path.of("/run");

    private final Settings settings;
    private final LinuxConfig config;
    private final Supplier<String> bootId;
    private final PendingReplacementsFile pending;
    private final ResumeFiles files;
    private final ResumeCommands resumes;
    private final RestartList restarts;

    /**
     * @param autostartDir {@code $XDG_CONFIG_HOME/autostart}, for a user's resume entries
     * @param systemdUnitDir where root's resume units go ({@code /etc/systemd/system})
     * @param stateDir where the pending replacements, resume commands and restart list are recorded
     * @param rebootCommand argv of the reboot command
     * @param systemWide register resume as a systemd unit (root) rather than an autostart entry
     * @param searchPath directories searched for {@code loginctl}
     * @param usersRuntimeRoot where every user's runtime directory is ({@code /run/user}): a reboot
     *     asks the cooperating apps of each {@code ROOT/UID/rmkit} too, not only the caller's; empty
     *     to ask the caller's only (a user, or a caller confined to one registry)
     */
    public record Settings(Path autostartDir, Path systemdUnitDir, Path stateDir, List<String> rebootCommand,
            boolean systemWide, List<Path> searchPath, Optional<Path> usersRuntimeRoot) {
        /** Settings whose reboot asks the caller's own runtime directory only. */
        public Settings(Path autostartDir, Path systemdUnitDir, Path stateDir, List<String> rebootCommand,
                boolean systemWide, List<Path> searchPath) {
            this(autostartDir, systemdUnitDir, stateDir, rebootCommand, systemWide, searchPath, Optional.empty());
        }

        /** A copy whose reboot asks the caller's own runtime directory only. */
        public Settings ownAppsOnly() {
            return new Settings(autostartDir, systemdUnitDir, stateDir, rebootCommand, systemWide, searchPath);
        }

        public Settings {
            Objects.requireNonNull(usersRuntimeRoot, "usersRuntimeRoot");
            Objects.requireNonNull(autostartDir, "autostartDir");
            Objects.requireNonNull(systemdUnitDir, "systemdUnitDir");
            Objects.requireNonNull(stateDir, "stateDir");
            rebootCommand = List.copyOf(rebootCommand);
            if (rebootCommand.isEmpty()) {
                throw new IllegalArgumentException("rebootCommand needs at least the program");
            }
            searchPath = List.copyOf(searchPath);
        }
    }

    /** The system side with the backend's defaults: runtime directory from the environment, the real boot id. */
    public LinuxSystemControl(Settings settings) {
        this(settings, LinuxConfig.defaults(), () -> LinuxSystemDefaults.bootId(System.getenv()));
    }

    /**
     * @param config whose runtime directory's apps a reboot asks, with the session's timeouts
     * @param bootId the current boot's id (tests simulate a boot by changing it)
     */
    public LinuxSystemControl(Settings settings, LinuxConfig config, Supplier<String> bootId) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = Objects.requireNonNull(config, "config");
        this.bootId = Objects.requireNonNull(bootId, "bootId");
        this.pending = new PendingReplacementsFile(settings.stateDir().resolve("pending-replacements.json"));
        this.files = new ResumeFiles(settings);
        this.resumes = new ResumeCommands(settings.stateDir());
        this.restarts = new RestartList(settings.stateDir());
    }

    /** The defaults for the running user and environment (see {@link LinuxSystemDefaults}). */
    public static LinuxSystemControl defaults() {
        return new LinuxSystemControl(LinuxSystemDefaults.settings(System.getenv()));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Reboots so that the cooperating apps come back after the boot, exactly once and after every
     * registered resume (a pending update) has run: asks every app, ends and closes them, records
     * their restart commands, registers the after-boot runner, then runs the reboot command. If the
     * reboot command fails, the closed apps are started again at once.
     *
     * @param force end the apps even if they refuse ({@code critical} in the query and end messages)
     * @throws RmException if an app refused (nothing was closed; the message names it and its
     *     reason), a restart record or the runner could not be written (not rebooted), or the reboot
     *     command failed
     */
    @Override
    public void rebootRestartingApps(String reason, boolean force) throws RmException {
        if (!force) {
            List<Inhibitors.Lock> blocking = Inhibitors.blockingShutdown(Inhibitors.list(), Inhibitors::ours);
            if (!blocking.isEmpty()) {
                throw new RmException("reboot", RebootRound.ERROR_FAIL_SHUTDOWN, "not rebooting: a shutdown is blocked by "
                        + String.join("; ", blocking.stream().map(Inhibitors.Lock::describe).toList())
                        + " (forced, the reboot goes through the lock)");
            }
        }
        ProcFs proc;
        try {
            proc = new ProcFs(config.procRoot());
        } catch (IOException e) {
            throw new RmException("reboot", "cannot read " + config.procRoot() + ": " + e.getMessage(), e);
        }
        String boot = bootId.get();
        List<RecordedApp> recorded = new RebootRound(proc, config, FileModes.currentUid())
                .run(force, restarts, boot, RebootRound.runtimeDirs(config.runtimeDir(), settings.usersRuntimeRoot()));
        try {
            if (!recorded.isEmpty() || !restarts.pending().isEmpty()) {
                for (String name : resumes.all().keySet()) {
                    files.delete(name); // from now on the runner runs it, before the apps
                }
                files.write(AFTER_BOOT, AfterBoot.command(settings));
            }
        } catch (IOException | IllegalArgumentException e) {
            RestartResult back = Relauncher.relaunch(restarts, "");
            throw new RmException("reboot", "cannot register the after-boot runner: " + e.getMessage()
                    + "; not rebooting, " + back.apps().size() + " closed app(s) started again", e);
        }
        try {
            run("reboot", settings.rebootCommand());
        } catch (RmException e) {
            RestartResult back = Relauncher.relaunch(restarts, "");
            throw new RmException("reboot", e.errorCode(), "the reboot command failed (" + e.getMessage() + "); "
                    + back.apps().size() + " closed app(s) started again", e);
        }
    }

    /** A logind delay lock on shutdown, held by a {@code systemd-inhibit} child (see {@link Inhibitor#delay()}). */
    @Override
    public BusyHandle delayShutdown(String reason) {
        return Inhibitor.delay().acquire("rmkit updater", reason);
    }

    /** Real-time scheduling for the calling thread, where allowed ({@link RealtimeBoost}). */
    @Override
    public Boost boostThisThread() {
        return RealtimeBoost.thisThread(RealtimeBoost.CHRT, System.getenv());
    }

    /**
     * Starts the apps an earlier boot's {@link #rebootRestartingApps} recorded, once each, as their
     * own users; nothing while a registered resume is unfinished (it must run first so they start on
     * the new files; the last resume, or the after-boot runner, starts them). The apps of a user who is
     * not logged in start at that user's next login instead ({@link AtLogin}).
     */
    @Override
    public RestartResult restartAppsAfterReboot() throws RmException {
        try {
            if (!resumes.all().isEmpty()) {
                return new RestartResult(List.of());
            }
        } catch (IOException e) {
            throw new RmException("restart after reboot", "cannot read the resume registrations: " + e.getMessage(), e);
        }
        return Relauncher.relaunch(restarts, bootId.get(), atLogin());
    }

    /** What holds back the apps of users who are not logged in until they log in ({@link AtLogin}). */
    AtLogin atLogin() {
        return new AtLogin(settings, RUN);
    }

    /** What the after-boot runner does: every registered resume, then the recorded apps, then removes itself. */
    public RestartResult runAfterBoot(java.io.PrintStream log) throws RmException {
        return AfterBoot.run(this, log);
    }

    ResumeCommands resumes() {
        return resumes;
    }

    ResumeFiles files() {
        return files;
    }

    RestartList restarts() {
        return restarts;
    }

    @Override
    public String bootId() {
        return bootId.get();
    }

    /** Linux renames nothing at boot: the updater's own resume does the swap after it. */
    @Override
    public boolean renamesAtBoot() {
        return false;
    }

    /** From the kernel's power-supply class ({@link PowerSupplies}). */
    @Override
    public Optional<Boolean> onAcPower() {
        return PowerSupplies.onAc(PowerSupplies.SYSFS);
    }

    /** From {@code /proc}: uid, gid, the runtime directory its environment names, the kept variables. */
    @Override
    public Optional<AppOwner> ownerOf(ProcessId process) {
        return LinuxOwner.of(process).map(LinuxOwner::toPortable);
    }

    /** Read from {@code /proc} ({@link ProcFs#alive(ProcessId)}); empty if {@code /proc} cannot be read. */
    @Override
    public Optional<Boolean> isRunning(ProcessId process) {
        try {
            return Optional.of(new ProcFs(config.procRoot()).alive(process));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * As the owner's uid and gid ({@code setpriv} when we are root; another user's app is refused
     * otherwise), detached with {@code setsid}, with the kept environment.
     */
    @Override
    public ProcessId startAs(AppOwner owner, RestartCommand command) throws RmException {
        LinuxOwner linux;
        try {
            linux = LinuxOwner.fromPortable(owner);
        } catch (IllegalArgumentException e) {
            throw new RmException("restart", e.getMessage(), e);
        }
        return linux.start(command);
    }

    /** The unit the process runs in, read from {@code /proc} (see {@link LinuxServices#of}). */
    @Override
    public Optional<ServiceUnit> serviceOf(ProcessId process) {
        try {
            return services().of(process);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Through systemd: {@code systemctl start}, unless the unit is up (see {@link LinuxServices#start}). */
    @Override
    public ServiceStart startService(ServiceUnit service) throws RmException {
        try {
            return services().start(service);
        } catch (IOException e) {
            throw new RmException("start service", "cannot read " + config.procRoot() + ": " + e.getMessage(), e);
        }
    }

    private LinuxServices services() throws IOException {
        return new LinuxServices(new ProcFs(config.procRoot()), new Systemctl(RUN, FileModes.currentUid()), RUN);
    }

    /** See {@link Logoff}: the caller's apps are asked first; a refusal cancels it; logind ends the session. */
    @Override
    public void logoff() throws RmException {
        Logoff.run(settings, config, LinuxSystemControl::run);
    }

    @Override
    public void replaceAtReboot(PendingReplacement replacement) throws RmException {
        try {
            List<PendingReplacement> all = new ArrayList<>(pending.read());
            all.add(replacement);
            pending.write(all);
        } catch (IOException e) {
            throw new RmException("replace at reboot", "cannot record " + replacement + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void withdrawAtReboot(List<PendingReplacement> replacements) throws RmException {
        try {
            List<PendingReplacement> left = new ArrayList<>(pending.read());
            if (left.removeAll(replacements)) {
                pending.write(left);
            }
        } catch (IOException e) {
            throw new RmException("withdraw replacements", e.getMessage(), e);
        }
    }

    @Override
    public List<PendingReplacement> pendingReplacements() throws RmException {
        try {
            return pending.read();
        } catch (IOException e) {
            throw new RmException("pending replacements", e.getMessage(), e);
        }
    }

    /**
     * Carries out the recorded replacements in order, each a rename over the target (or a delete),
     * dropping each from the record once done; an entry whose source is already gone counts as done,
     * so running this again after a crash is safe.
     *
     * @return the replacements carried out
     */
    public List<PendingReplacement> runPendingReplacements() throws RmException {
        return pending.runAll();
    }

    /**
     * Registers {@code argv} to run once after the next boot or login. While the after-boot runner is
     * registered (a reboot recorded apps), it runs the command instead, before starting the apps.
     */
    @Override
    public void registerResume(String name, List<String> argv) throws RmException {
        try {
            ResumeEntries.checkName(name);
            ResumeEntries.desktopExec(argv);
            resumes.put(name, argv);
            if (files.existing(AFTER_BOOT).isEmpty()) {
                files.write(name, argv);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new RmException("register resume", "cannot register " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void unregisterResume(String name) throws RmException {
        try {
            files.delete(name);
            resumes.remove(name);
        } catch (IOException | IllegalArgumentException e) {
            throw new RmException("unregister resume", "cannot unregister " + name + ": " + e.getMessage(), e);
        }
    }

    /** The registration files of {@code name} that exist now. */
    public List<Path> resumeRegistrations(String name) {
        return files.existing(name);
    }

    static void run(String operation, List<String> argv) throws RmException {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int code = p.waitFor();
            if (code != 0) {
                throw new RmException(operation, code, String.join(" ", argv) + " failed"
                        + (output.isEmpty() ? "" : ": " + output));
            }
        } catch (IOException e) {
            throw new RmException(operation, "cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RmException(operation, "interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** For messages and logs. */
    @Override
    public String toString() {
        return "LinuxSystemControl" + settings;
    }
}
