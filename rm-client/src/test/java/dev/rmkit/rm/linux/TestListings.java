package dev.rmkit.rm.linux;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.proc.ProcStatus;
import dev.rmkit.rm.linux.protocol.Registry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

/** Listings of made-up processes for unit tests: a running console app of uid 1000, gid 100. */
final class TestListings {

    private TestListings() {}

    static Listed listed(long pid) {
        return listed(pid, Optional.empty());
    }

    static Listed listed(long pid, Optional<Registry.Lookup.Registered> registration) {
        AffectedApp app = new AffectedApp(new ProcessId(pid, Instant.EPOCH), "app", "", AppType.CONSOLE,
                EnumSet.of(AppStatus.RUNNING), false, Optional.empty());
        return new Listed(app, ProcStat.parse(pid + " (app) S 1 1 0 0 -1 4194560 100 0 0 0 3 1 0 0 20 0 1 0 18009 3133440 408 0 0 0"),
                ProcStatus.parse("Uid:\t1000\t1000\t1000\t1000\nGid:\t100\t100\t100\t100\n"), registration,
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
