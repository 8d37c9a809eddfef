package dev.rmkit.rm.linux.proc;

import java.util.Objects;

/**
 * A process whose files could not be read during a scan (EACCES on {@code /proc/PID/fd} and the
 * like). It may hold a registered file; only the permission rules in {@link HolderScan} decide
 * whether that possibility becomes a reboot reason.
 *
 * @param stat its stat line (always readable)
 * @param status its credentials (always readable)
 * @param what which entries could not be read, for people ("fd, maps, exe")
 */
public record Uninspected(ProcStat stat, ProcStatus status, String what) {
    public Uninspected {
        Objects.requireNonNull(stat, "stat");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(what, "what");
    }
}
