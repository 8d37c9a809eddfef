package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadsTest {

    @TempDir
    Path proc;

    /** A thread of a fixture {@code /proc/self/task}: its name, state letter and CPU time in ns. */
    private Path thread(int tid, String comm, char state, long cpuNanos) throws IOException {
        Path t = proc.resolve("self/task/" + tid);
        Files.createDirectories(t);
        Files.writeString(t.resolve("comm"), comm + "\n");
        set(t, state, cpuNanos);
        return t;
    }

    private static void set(Path t, char state, long cpuNanos) throws IOException {
        Files.writeString(t.resolve("stat"), t.getFileName() + " (" + Files.readString(t.resolve("comm")).strip() + ") "
                + state + " 1 1 1 0 -1 1077936192 0 0 0 0 5 1 0 0 20 0 30 0 100 0 0\n");
        Files.writeString(t.resolve("schedstat"), cpuNanos + " 2000 7\n");
    }

    @Test
    void findsTheCompilerThreadsByTheirCutNamesOnly() throws IOException {
        thread(10, "java", 'S', 5);
        thread(11, "C1 CompilerThre", 'S', 100);
        thread(12, "C2 CompilerThre", 'S', 200);
        thread(13, "VM Thread", 'R', 300);
        assertEquals(2, CompilerThreads.ofThisJvm(proc).count());
    }

    @Test
    void idleOnlyOnceNoneRunsAndNoneUsedACoreSinceTheLookBefore() throws IOException {
        Path c1 = thread(11, "C1 CompilerThre", 'S', 100);
        thread(12, "C2 CompilerThre", 'S', 200);
        CompilerThreads jit = CompilerThreads.ofThisJvm(proc);
        assertFalse(jit.look(), "the first look compares with nothing");
        assertTrue(jit.look(), "both asleep, no CPU time since");
        set(c1, 'S', 150);
        assertFalse(jit.look(), "C1 compiled something between the looks");
        assertTrue(jit.look());
        set(c1, 'R', 150);
        assertFalse(jit.look(), "running (or waiting for a core)");
        assertFalse(jit.look(), "still");
    }

    @Test
    void aCompilerThreadThatEndedCountsAsIdle() throws IOException {
        Path c2 = thread(12, "C2 CompilerThre", 'R', 200);
        CompilerThreads jit = CompilerThreads.ofThisJvm(proc);
        assertFalse(jit.look());
        Files.delete(c2.resolve("stat"));
        Files.delete(c2.resolve("schedstat"));
        assertTrue(jit.look());
    }

    @Test
    void noTaskDirectoryMeansNoCompilerThreads() {
        assertEquals(0, CompilerThreads.ofThisJvm(proc.resolve("absent")).count());
    }

    @Test
    void thisHotSpotJvmHasCompilerThreads() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc here");
        String vm = System.getProperty("java.vm.name", "");
        assumeTrue((vm.contains("HotSpot") || vm.contains("OpenJDK")) && System.getProperty("java.vm.info", "").contains("mixed mode"),
                "not a HotSpot JVM with its JIT on");
        CompilerThreads jit = CompilerThreads.ofThisJvm(Path.of("/proc"));
        assertTrue(jit.count() >= 1, "C1 and C2 compiler threads");
        jit.look(); // reads each thread's stat and schedstat without failing
    }
}
