package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcStatTest {

    private static final String TAIL = " 1 1 0 0 -1 4194560 100 0 0 0 3 1 0 0 20 0 1 0 18009 3133440 408 0 0 0";

    @Test
    void parsesCommWithSpacesAndParentheses() {
        ProcStat s = ProcStat.parse("4242 (my (odd) app) x) S" + TAIL);
        assertEquals(4242, s.pid());
        assertEquals("my (odd) app) x", s.comm());
        assertEquals('S', s.state());
        assertEquals(1, s.ppid());
        assertEquals(1, s.numThreads());
        assertEquals(18009, s.startTicks());
        assertFalse(s.kernelThread());
        assertFalse(s.hasTty());
    }

    @Test
    void readsTtyAndKernelThreadFlag() {
        ProcStat s = ProcStat.parse("2 (kthreadd) S 0 0 0 34817 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0 0");
        assertTrue(s.kernelThread());
        assertTrue(s.hasTty());
        assertEquals(1, s.startTicks());
    }

    @Test
    void zombiesAreDead() {
        assertTrue(ProcStat.parse("77 (z) Z" + TAIL).dead());
    }

    @Test
    void rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("hello"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("12 (x) S 1 2"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("12 (x) S a" + TAIL));
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc/self/stat")
    @Test
    void parsesThisProcessesRealStatLine() throws Exception {
        ProcStat s = ProcStat.parse(Files.readString(Path.of("/proc/self/stat")));
        assertEquals(ProcessHandle.current().pid(), s.pid());
        assertTrue(s.startTicks() > 0);
    }
}
