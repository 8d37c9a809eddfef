package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.proc.ProcStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    private static Listed listed(long pid) {
        AffectedApp app = new AffectedApp(new ProcessId(pid, Instant.EPOCH), "app", "", AppType.CONSOLE,
                EnumSet.of(AppStatus.RUNNING), false, Optional.empty());
        return new Listed(app, ProcStat.parse(pid + " (app) S 1 1 0 0 -1 4194560 100 0 0 0 3 1 0 0 20 0 1 0 18009 3133440 408 0 0 0"),
                ProcStatus.parse("Uid:\t1000\t1000\t1000\t1000\nGid:\t100\t100\t100\t100\n"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void keepsTheOrderTheAppsWereFirstGivenAndReplacesInPlace() {
        Listed a = listed(10);
        Listed b = listed(11);
        Listed c = listed(12);
        Outcomes o = new Outcomes();
        o.put(b, AppOutcome.ok(b.app()));
        o.put(a, AppOutcome.ok(a.app()));
        o.put(c, AppOutcome.ok(c.app()));
        AppOutcome stopped = AppOutcome.ok(a.app().withStatus(EnumSet.of(AppStatus.STOPPED)));
        o.put(a, stopped);
        assertEquals(List.of(AppOutcome.ok(b.app()), stopped, AppOutcome.ok(c.app())), o.values());
        assertSame(stopped, o.get(a));
    }

    /** Looked up by identity: the very Listed of the listing; an equal copy is another app's key. */
    @Test
    void looksAppsUpByIdentity() {
        Listed a = listed(10);
        Listed copy = listed(10);
        assertEquals(a, copy);
        Outcomes o = new Outcomes();
        o.put(a, AppOutcome.ok(a.app()));
        assertThrows(IllegalArgumentException.class, () -> o.get(copy));
        o.put(copy, AppOutcome.failed(copy.app(), "refused"));
        assertEquals(2, o.values().size());
    }

    @Test
    void valuesIsACopy() {
        Listed a = listed(10);
        Outcomes o = new Outcomes();
        o.put(a, AppOutcome.ok(a.app()));
        List<AppOutcome> before = o.values();
        o.put(listed(11), AppOutcome.ok(a.app()));
        assertEquals(1, before.size());
    }
}
