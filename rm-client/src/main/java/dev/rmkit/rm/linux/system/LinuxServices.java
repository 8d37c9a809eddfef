package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ServiceStart;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.rm.linux.proc.CgroupUnit;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.systemd.NeverRestarted;
import dev.rmkit.rm.linux.systemd.Systemctl;
import dev.rmkit.rm.linux.systemd.UnitState;
import dev.rmkit.rm.linux.systemd.UserManagers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The services part of the system side: which unit a process runs in, recorded before a session stops
 * it (so that an updater that dies before starting it again leaves a record), and starting that unit
 * again from the record, through the manager that runs it ({@link Systemctl}). Starting is idempotent
 * by systemd's own rule (a unit that is up is left alone), which is what makes a recovery that runs
 * twice start it at most once.
 */
final class LinuxServices {

    private final ProcFs proc;
    private final Systemctl systemctl;
    private final Path runRoot;

    LinuxServices(ProcFs proc, Systemctl systemctl, Path runRoot) {
        this.proc = proc;
        this.systemctl = systemctl;
        this.runRoot = runRoot;
    }

    /**
     * The unit {@code process} runs in, as a session's shutdown would stop it: empty without systemd,
     * for a process that is gone or not a service's, and for a unit that is never stopped
     * ({@link NeverRestarted}). A user service names its manager's user, read from the process (a
     * process of another uid inside a user's manager is not one systemd runs for that user: empty).
     */
    Optional<ServiceUnit> of(ProcessId process) {
        if (!systemctl.booted()) {
            return Optional.empty();
        }
        Optional<CgroupUnit.Unit> unit = proc.unit(process.pid());
        Optional<LinuxOwner> owner = LinuxOwner.of(proc, process);
        if (unit.isEmpty() || owner.isEmpty() || NeverRestarted.reason(unit.get().name()).isPresent()) {
            return Optional.empty();
        }
        if (unit.get().userManager().isEmpty()) {
            return Optional.of(ServiceUnit.system(unit.get().name()));
        }
        return owner.filter(o -> o.uid() == unit.get().userManager().get())
                .map(o -> new ServiceUnit(unit.get().name(), o.toPortable()));
    }

    /**
     * Starts {@code service} unless it is up; see {@link dev.rmkit.rm.SystemControl#startService}.
     * A user service waits up to 90 s for the manager of a lingering user (after a boot logind
     * starts it on its own schedule); without that manager it fails, saying so.
     */
    ServiceStart start(ServiceUnit service) throws RmException {
        CgroupUnit.Unit unit = unit(service);
        int gid = service.user().isPresent() ? number(service.user().get().group(), service) : 0;
        if (unit.userManager().isPresent()) {
            int uid = unit.userManager().get();
            if (!UserManagers.awaitBus(runRoot, uid, UserManagers.lingering(uid) ? UserManagers.MANAGER_LIMIT : Duration.ZERO)) {
                throw new RmException("start service", "cannot start " + service + ": the service manager of uid " + uid
                        + " is not running (no " + UserManagers.bus(runRoot, uid) + "); it starts when the user logs in");
            }
        }
        UnitState before = systemctl.state(unit, gid);
        if (before.up()) {
            return new ServiceStart(true, main(before));
        }
        Systemctl.Call c = systemctl.call(unit, gid, "start");
        UnitState after = systemctl.state(unit, gid);
        if (!c.ok()) {
            throw new RmException("start service", c.exit(), "systemctl start " + unit + " failed (exit " + c.exit() + "): "
                    + c.output() + " (now " + after + ")");
        }
        if (!after.up()) {
            throw new RmException("start service", "systemctl start " + unit + " left it " + after);
        }
        return new ServiceStart(false, main(after));
    }

    private Optional<ProcessId> main(UnitState state) {
        return state.mainPid() > 0 ? proc.processId(state.mainPid()) : Optional.empty();
    }

    /** The unit a record names; a record is checked like any input: a {@code .service} name, a numeric uid. */
    private static CgroupUnit.Unit unit(ServiceUnit service) throws RmException {
        if (!service.name().endsWith(".service") || service.name().contains("/")
                || service.name().chars().anyMatch(Character::isISOControl)) {
            throw new RmException("start service", "not a service unit name: " + service.name());
        }
        Optional<AppOwner> user = service.user();
        if (user.isEmpty()) {
            return new CgroupUnit.Unit(service.name(), Optional.empty());
        }
        return new CgroupUnit.Unit(service.name(), Optional.of(number(user.get().user(), service)));
    }

    private static int number(String decimal, ServiceUnit service) throws RmException {
        if (!decimal.matches("\\d{1,9}")) {
            throw new RmException("start service", "not a Linux user or group of " + service.name() + ": " + decimal);
        }
        return Integer.parseInt(decimal);
    }
}
