package dev.rmkit.rm.linux;

import dev.rmkit.rm.AppType;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.systemd.NeverRestarted;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides an affected process's {@link AppType} and the reboot reasons it causes: the Linux reading of
 * {@code RM_APP_TYPE} and {@code RM_REBOOT_REASON}.
 *
 * <ul>
 *   <li>pid 1 and kernel threads: CRITICAL, reason CRITICAL_PROCESS;
 *   <li>the calling process: CRITICAL, reason DETECTED_SELF;
 *   <li>another user's process when we are not root (we may not signal it): CRITICAL, reason
 *       SESSION_MISMATCH;
 *   <li>a process of a service an updater must never restart ({@link NeverRestarted}: the message bus,
 *       logind, display managers, gettys, a user's manager...): CRITICAL, reason CRITICAL_SERVICE;
 *   <li>otherwise: MAIN_WINDOW for a cooperating app (valid registry entry), SERVICE for a process in a
 *       systemd {@code .service} cgroup, CONSOLE for one with a controlling terminal, else UNKNOWN.
 * </ul>
 */
final class Classifier {

    private Classifier() {}

    /** The type and reasons of one process. */
    record Verdict(AppType type, Set<RebootReason> reasons) {}

    static Verdict classify(ProcStat stat, int ownerUid, int ourUid, long selfPid, boolean cooperating,
            Optional<String> serviceUnit) {
        Set<RebootReason> reasons = EnumSet.noneOf(RebootReason.class);
        if (stat.pid() == 1 || stat.kernelThread()) {
            reasons.add(RebootReason.CRITICAL_PROCESS);
        }
        if (stat.pid() == selfPid) {
            reasons.add(RebootReason.DETECTED_SELF);
        }
        if (ourUid != 0 && ownerUid != ourUid) {
            reasons.add(RebootReason.SESSION_MISMATCH);
        }
        if (serviceUnit.flatMap(NeverRestarted::reason).isPresent()) {
            reasons.add(RebootReason.CRITICAL_SERVICE);
        }
        if (!reasons.isEmpty()) {
            return new Verdict(AppType.CRITICAL, reasons);
        }
        if (cooperating) {
            return new Verdict(AppType.MAIN_WINDOW, reasons);
        }
        if (serviceUnit.isPresent()) {
            return new Verdict(AppType.SERVICE, reasons);
        }
        return new Verdict(stat.hasTty() ? AppType.CONSOLE : AppType.UNKNOWN, reasons);
    }
}
