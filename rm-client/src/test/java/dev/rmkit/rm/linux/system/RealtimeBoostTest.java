package dev.rmkit.rm.linux.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.Boost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code chrt} on a thread of this JVM (a thread of its own, so that a failure never leaves the
 * test runner's thread real-time): the policy read back from {@code /proc}, and a child started meanwhile.
 * Raising needs root or {@code CAP_SYS_NICE}; those tests are skipped without.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "chrt and /proc/self/task")
class RealtimeBoostTest {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;

    @TempDir Path tmp;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    private <T> T onItsThread(Callable<T> work) throws Exception {
        return thread.submit(work).get(60, TimeUnit.SECONDS);
    }

    private static int policyOfThisThread() {
        return RealtimeBoost.policy(RealtimeBoost.threadId().orElseThrow()).orElseThrow();
    }

    private static boolean mayUseRealtime() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/chrt", "--fifo", "1", "true").start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** The policy of a process this thread starts now: {@code cat} reading its own stat line. */
    private static int policyOfAChild() throws Exception {
        Process p = new ProcessBuilder("cat", "/proc/self/stat").start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(f[38]);
    }

    @Test
    void theThreadRunsRealtimeUntilClosedAndWhatItStartsDoesNot() throws Exception {
        assumeTrue(Files.isExecutable(RealtimeBoost.CHRT) && mayUseRealtime(), "may not use real-time scheduling here");
        int[] seen = onItsThread(() -> {
            int before = policyOfThisThread();
            try (Boost b = RealtimeBoost.thisThread(RealtimeBoost.CHRT, Map.of())) {
                int during = policyOfThisThread();
                int child = policyOfAChild();
                boolean effective = b.effective();
                b.close();
                return new int[] {before, during, child, effective ? 1 : 0, policyOfThisThread()};
            }
        });
        assertEquals(SCHED_OTHER, seen[0], "before");
        assertEquals(SCHED_FIFO, seen[1], "while boosted");
        assertEquals(SCHED_OTHER, seen[2], "a process started while boosted (reset on fork)");
        assertEquals(1, seen[3], "effective");
        assertEquals(SCHED_OTHER, seen[4], "after close (closing twice, by try-with-resources too, is harmless)");
    }

    /**
     * Only the calling thread is boosted: the JIT compiler threads are not idled meanwhile. Under
     * {@code SCHED_IDLE} a starved compiler thread held HotSpot's compile-queue lock while the boosted thread
     * queued a compile, and the boosted thread slept 0.8 to 3.8 ms with the apps down (docs/performance.md,
     * "Sixth round").
     */
    @Test
    void theJvmsCompilerThreadsKeepNormalSchedulingWhileTheBoostHolds() throws Exception {
        assumeTrue(Files.isExecutable(RealtimeBoost.CHRT) && mayUseRealtime(), "may not use real-time scheduling here");
        List<Long> compilers = compilerThreads();
        assumeTrue(!compilers.isEmpty(), "this JVM names no compiler thread so (not HotSpot, or -Xint)");
        int[] during = onItsThread(() -> {
            int[] seen = new int[compilers.size()];
            try (Boost b = RealtimeBoost.thisThread(RealtimeBoost.CHRT, Map.of())) {
                assertTrue(b.effective());
                for (int i = 0; i < seen.length; i++) {
                    seen[i] = RealtimeBoost.policy(compilers.get(i)).orElse(-1);
                }
            }
            return seen;
        });
        for (int i = 0; i < compilers.size(); i++) {
            assertEquals(SCHED_OTHER, during[i], "normal scheduling while boosted: thread " + compilers.get(i));
        }
    }

    /** The ids of this JVM's JIT compiler threads ({@code /proc} cuts their names at 15 characters). */
    private static List<Long> compilerThreads() throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String comm = Files.readString(t.resolve("comm"), StandardCharsets.US_ASCII).strip();
                if (comm.equals("C1 CompilerThre") || comm.equals("C2 CompilerThre")) {
                    found.add(Long.parseLong(t.getFileName().toString()));
                }
            }
        }
        return found;
    }

    @Test
    void aThreadWhosePolicySomeoneElseChoseIsLeftAlone() throws Exception {
        assumeTrue(Files.isExecutable(RealtimeBoost.CHRT) && mayUseRealtime(), "may not use real-time scheduling here");
        int[] seen = onItsThread(() -> {
            long tid = RealtimeBoost.threadId().orElseThrow();
            Process p = new ProcessBuilder("/usr/bin/chrt", "--rr", "--pid", "2", Long.toString(tid)).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0);
            int effective;
            try (Boost b = RealtimeBoost.thisThread(RealtimeBoost.CHRT, Map.of())) {
                effective = b.effective() ? 1 : 0;
            }
            int after = policyOfThisThread();
            new ProcessBuilder("/usr/bin/chrt", "--other", "--pid", "0", Long.toString(tid)).start().waitFor(30, TimeUnit.SECONDS);
            return new int[] {effective, after};
        });
        assertEquals(0, seen[0], "not effective");
        assertEquals(2, seen[1], "still SCHED_RR, as chosen before");
    }

    @Test
    void whereChrtSaysNoNothingChanges() throws Exception {
        Path refusing = tmp.resolve("chrt");
        Files.writeString(refusing, "#!/bin/sh\necho 'chrt: failed to set pid 1 policy: Operation not permitted' >&2\nexit 1\n");
        Files.setPosixFilePermissions(refusing, PosixFilePermissions.fromString("rwx------"));
        int[] seen = onItsThread(() -> {
            try (Boost b = RealtimeBoost.thisThread(refusing, Map.of())) {
                return new int[] {b.effective() ? 1 : 0, policyOfThisThread()};
            }
        });
        assertEquals(0, seen[0]);
        assertEquals(SCHED_OTHER, seen[1]);
    }

    @Test
    void aMissingChrtOrRmkitRealtimeZeroChangesNothing() throws Exception {
        Path recording = tmp.resolve("chrt");
        Path ran = tmp.resolve("ran");
        Files.writeString(recording, "#!/bin/sh\ntouch '" + ran + "'\nexit 0\n");
        Files.setPosixFilePermissions(recording, PosixFilePermissions.fromString("rwx------"));
        boolean[] seen = onItsThread(() -> {
            boolean missing;
            try (Boost b = RealtimeBoost.thisThread(tmp.resolve("no-such-chrt"), Map.of())) {
                missing = b.effective();
            }
            boolean off;
            try (Boost b = RealtimeBoost.thisThread(recording, Map.of(RealtimeBoost.ENV, "0"))) {
                off = b.effective();
            }
            return new boolean[] {missing, off};
        });
        assertFalse(seen[0], "no chrt");
        assertFalse(seen[1], "RMKIT_REALTIME=0");
        assertFalse(Files.exists(ran), "RMKIT_REALTIME=0 does not even run chrt");
    }

    @Test
    void theThreadIdAndPolicyAreThoseOfTheCallingThread() throws Exception {
        long main = RealtimeBoost.threadId().orElseThrow();
        long other = onItsThread(() -> RealtimeBoost.threadId().orElseThrow());
        assertTrue(main != other, "each thread its own id");
        assertTrue(Files.isDirectory(Path.of("/proc/self/task/" + other)));
        assertEquals(OptionalInt.of(SCHED_OTHER), RealtimeBoost.policy(main));
    }

}
