package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.AppType;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.linux.proc.ProcStat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private static ProcStat stat(long pid, int tty, long flags) {
        return new ProcStat(pid, "x", 'S', 1, tty, flags, 1, 100);
    }

    private static Classifier.Verdict classify(ProcStat s, int owner, int us, boolean cooperating, String unit) {
        return Classifier.classify(s, owner, us, 999, cooperating, Optional.ofNullable(unit));
    }

    @Test
    void pidOneAndKernelThreadsAreCritical() {
        assertEquals(new Classifier.Verdict(AppType.CRITICAL, Set.of(RebootReason.CRITICAL_PROCESS)),
                classify(stat(1, 0, 0), 0, 0, false, null));
        assertEquals(new Classifier.Verdict(AppType.CRITICAL, Set.of(RebootReason.CRITICAL_PROCESS)),
                classify(stat(57, 0, ProcStat.PF_KTHREAD), 0, 0, false, null));
    }

    @Test
    void theCallerIsDetectedSelf() {
        assertEquals(new Classifier.Verdict(AppType.CRITICAL, Set.of(RebootReason.DETECTED_SELF)),
                classify(stat(999, 0, 0), 0, 0, true, null));
    }

    @Test
    void anotherUsersProcessIsASessionMismatchUnlessWeAreRoot() {
        assertEquals(new Classifier.Verdict(AppType.CRITICAL, Set.of(RebootReason.SESSION_MISMATCH)),
                classify(stat(50, 0, 0), 1001, 1000, true, null));
        assertEquals(AppType.MAIN_WINDOW, classify(stat(50, 0, 0), 1001, 0, true, null).type());
    }

    @Test
    void typeFollowsCooperationServiceAndTerminal() {
        assertEquals(AppType.MAIN_WINDOW, classify(stat(50, 34816, 0), 1000, 1000, true, "a.service").type());
        assertEquals(AppType.SERVICE, classify(stat(50, 0, 0), 1000, 1000, false, "a.service").type());
        assertEquals(AppType.CONSOLE, classify(stat(50, 34816, 0), 1000, 1000, false, null).type());
        assertEquals(new Classifier.Verdict(AppType.UNKNOWN, Set.of()), classify(stat(50, 0, 0), 1000, 1000, false, null));
    }
}
