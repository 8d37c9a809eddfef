package dev.rmkit.rm.linux.proc;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A process found holding a registered file.
 *
 * @param stat the process's stat line at scan time (its identity)
 * @param access how it holds the files
 * @param deleted true if what it holds is an unlinked old version of a registered path
 */
public record Holder(ProcStat stat, Set<Access> access, boolean deleted) {
    public Holder {
        Objects.requireNonNull(stat, "stat");
        access = access.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(access));
    }
}
