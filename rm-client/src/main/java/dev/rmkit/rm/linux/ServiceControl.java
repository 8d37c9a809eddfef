package dev.rmkit.rm.linux;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RmCancelledException;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.CgroupUnit;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.systemd.Systemctl;
import dev.rmkit.rm.linux.systemd.UnitState;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The services part of a session's shutdown and restart, where systemd is the init: a holder that
 * runs in a service unit is stopped with {@code systemctl stop} (once per unit, however many of its
 * processes hold files) and, after the swap, started with {@code systemctl start}; the restart then
 * reads the unit's state, so a unit that failed to come up is reported with systemd's own words and
 * counts as a failed restart. A user's service goes through that user's manager ({@link Systemctl}).
 */
final class ServiceControl {

    private final Systemctl systemctl;
    private final ProcFs proc;
    private final LinuxConfig config;

    ServiceControl(Systemctl systemctl, ProcFs proc, LinuxConfig config) {
        this.systemctl = systemctl;
        this.proc = proc;
        this.config = config;
    }

    /** True if {@code a} is a service this class stops and starts (rather than signals). */
    boolean manages(Listed a) {
        return a.app().type() == AppType.SERVICE && a.unit().isPresent() && systemctl.booted();
    }

    /** One shutdown's stops: each unit is stopped once. */
    final class Stops {
        private final Operation op;
        private final Map<CgroupUnit.Unit, Optional<String>> done = new HashMap<>();

        Stops(Operation op) {
            this.op = op;
        }

        /** Stops {@code a}'s unit (if not yet) and waits for {@code a} to exit; empty when it did, else why not. */
        Optional<String> stop(Listed a) throws RmCancelledException {
            op.checkpoint();
            CgroupUnit.Unit unit = a.unit().orElseThrow();
            Optional<String> failure = done.computeIfAbsent(unit, u -> call(a, "stop"));
            if (failure.isPresent()) {
                return failure;
            }
            if (op.await(() -> !proc.alive(a.pid(), a.stat().startTicks()), config.endSessionTimeout())) {
                return Optional.empty();
            }
            return Optional.of("still running after systemctl stop " + unit.name());
        }
    }

    /** One restart's starts: each unit is started once, and each of its closed processes gets that outcome. */
    final class Starts {
        private final Map<CgroupUnit.Unit, AppOutcome> done = new HashMap<>();

        AppOutcome start(Listed a) {
            CgroupUnit.Unit unit = a.unit().orElseThrow();
            AppOutcome first = done.computeIfAbsent(unit, u -> startUnit(a));
            return new AppOutcome(a.app().withStatus(first.app().status()), first.reason(), first.newProcess());
        }
    }

    private Optional<String> call(Listed a, String verb) {
        CgroupUnit.Unit unit = a.unit().orElseThrow();
        try {
            Systemctl.Call c = systemctl.call(unit, a.status().gid(), verb);
            return c.ok() ? Optional.empty()
                    : Optional.of("systemctl " + verb + " " + unit + " failed (exit " + c.exit() + "): " + c.output());
        } catch (RmException e) {
            return Optional.of(e.getMessage());
        }
    }

    private AppOutcome startUnit(Listed a) {
        CgroupUnit.Unit unit = a.unit().orElseThrow();
        EnumSet<AppStatus> failed = EnumSet.of(AppStatus.STOPPED, AppStatus.ERROR_ON_RESTART);
        Optional<String> failure = call(a, "start");
        UnitState state;
        try {
            state = systemctl.state(unit, a.status().gid());
        } catch (RmException e) {
            return AppOutcome.failed(a.app().withStatus(failed), failure.orElse(e.getMessage()));
        }
        if (failure.isPresent() || !state.up()) {
            return AppOutcome.failed(a.app().withStatus(failed), failure.orElse("systemctl start " + unit + " left it " + state)
                    + (failure.isPresent() ? " (now " + state + ")" : ""));
        }
        Optional<ProcessId> main = state.mainPid() > 0 ? proc.processId(state.mainPid()) : Optional.empty();
        return new AppOutcome(a.app().withStatus(EnumSet.of(AppStatus.STOPPED, AppStatus.RESTARTED)), Optional.empty(), main);
    }
}
