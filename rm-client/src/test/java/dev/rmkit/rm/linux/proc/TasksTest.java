package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a process whose leader thread is a zombie still runs: the rule on {@code task/TID/stat} lines, and
 * {@link ProcFs#alive}/{@link ProcFs#filesDir} over a hand-made {@code /proc} tree (a JVM's exit, whose
 * other threads are doomed for a few milliseconds after its leader turned zombie, cannot be timed in a test).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend against a fixture /proc")
class TasksTest {

    private static final long PID = 4242;
    private static final long TICKS = 18009;

    @TempDir Path tmp;
    private Path root;
    private ProcFs proc;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("proc");
        Files.createDirectories(root);
        Files.writeString(root.resolve("stat"), "cpu  1 2 3 4\nbtime 1700000000\nprocesses 5\n");
        proc = new ProcFs(root);
    }

    /** A stat line with these fields 3, 9, 20 and 31 (state, flags, num_threads, signal). */
    private static String line(long tid, char state, long flags, long threads, long pending) {
        return tid + " (my (odd) app) " + state + " 1 " + tid + " " + tid + " 0 -1 " + flags
                + " 100 0 0 0 3 1 0 0 20 0 " + threads + " 0 " + TICKS + " 3133440 408 18446744073709551615 1 1 0 0 0 "
                + pending + " 0 0 16386 0 0 0 17 1 0 0 0 0 0\n";
    }

    private void process(char leaderState, long threads) throws IOException {
        process(leaderState, 0x400040, threads);
    }

    private void process(char leaderState, long leaderFlags, long threads) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Long.toString(PID)).resolve("task").resolve(Long.toString(PID)));
        Files.writeString(root.resolve(Long.toString(PID)).resolve("stat"), line(PID, leaderState, leaderFlags, threads, 0));
        Files.writeString(dir.resolve("stat"), line(PID, leaderState, leaderFlags, threads, 0));
    }

    private Path thread(long tid, char state, long flags, long pending) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Long.toString(PID)).resolve("task").resolve(Long.toString(tid)));
        Files.writeString(dir.resolve("stat"), line(tid, state, flags, 3, pending));
        return dir;
    }

    @Test
    void aThreadRunsUnlessItIsDeadExitingOrHasSigkillPending() {
        assertTrue(Tasks.runs(line(7, 'S', 0x400040, 3, 0)));
        assertTrue(Tasks.runs(line(7, 'T', 0x400040, 3, 0)), "stopped is not gone");
        assertTrue(Tasks.runs(line(7, 'S', 0x400040, 3, 1L << 14)), "SIGTERM pending: it may still handle it");
        assertFalse(Tasks.runs(line(7, 'Z', 0x400040, 3, 0)));
        assertFalse(Tasks.runs(line(7, 'X', 0x400040, 3, 0)));
        assertFalse(Tasks.runs(line(7, 'R', 0x400044, 3, 0)), "PF_EXITING");
        assertFalse(Tasks.runs(line(7, 'S', 0x400040, 3, 0x100)), "SIGKILL pending");
        assertFalse(Tasks.runs(line(7, 'D', 0x400040, 3, 0x100 | 1L << 14)), "SIGKILL among others");
    }

    @Test
    void aTaskLineThatIsNotOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Tasks.runs("hello"));
        assertThrows(IllegalArgumentException.class, () -> Tasks.runs("7 (x) S 1 2 3 0 -1 0 0"));
        assertThrows(IllegalArgumentException.class, () -> Tasks.runs(line(7, 'S', 0, 3, 777).replace(" 777 ", " x ")));
    }

    @Test
    void aZombieLeaderWithARunningThreadIsAliveAndReadThroughIt() throws IOException {
        process('Z', 3);
        thread(4243, 'R', 0x400044, 0); // exiting
        Path runs = thread(4244, 'S', 0x400040, 0);
        ProcStat stat = proc.stat(PID).orElseThrow();
        assertEquals(3, stat.numThreads());
        assertTrue(proc.alive(PID, TICKS));
        assertTrue(proc.running(stat));
        assertEquals(Optional.of(runs), proc.filesDir(stat));
        assertFalse(proc.alive(PID, TICKS + 1), "another start tick is another process");
    }

    @Test
    void aZombieLeaderWhoseOtherThreadsAreDoomedIsGone() throws IOException {
        // A JVM's System.exit: the leader is a zombie while the other threads tear down.
        process('Z', 4);
        thread(4243, 'R', 0x400044, 0);
        thread(4244, 'S', 0x400040, 0x100);
        thread(4245, 'Z', 0x400044, 0);
        assertFalse(proc.alive(PID, TICKS));
        assertEquals(Optional.empty(), proc.filesDir(proc.stat(PID).orElseThrow()));
    }

    /*
     * The leader's flags as read on this kernel (6.18) from a C program whose second thread calls exit(0)
     * while three others sleep: 0x40040c while the leader runs its do_exit (PF_EXITING | PF_SIGNALED |
     * PF_RANDOMIZE...), then 0x40840c as a zombie. A leader that ended with pthread_exit instead shows
     * 0x40800c: no PF_SIGNALED (LeaderExitedTest has that case for real).
     */

    @Test
    void aLeaderKilledByAFatalSignalIsGoneBeforeItIsAZombie() throws IOException {
        process('R', 0x40040c, 4);
        // A thread that has taken its SIGKILL off the pending set but not yet reached do_exit: by its own
        // line it runs; the leader's PF_SIGNALED says the whole process is being killed.
        thread(4243, 'R', 0x400040, 0);
        ProcStat stat = proc.stat(PID).orElseThrow();
        assertFalse(proc.alive(PID, TICKS));
        assertFalse(proc.running(stat));
        assertEquals(Optional.empty(), proc.filesDir(stat));
    }

    @Test
    void aZombieLeaderKilledByAFatalSignalIsGoneWithoutReadingItsTasks() throws IOException {
        process('Z', 0x40840c, 3);
        thread(4243, 'S', 0x400040, 0); // not read: the leader's flags decide
        assertFalse(proc.alive(PID, TICKS));
    }

    @Test
    void aLeaderThatIsExitingWithoutASignalStillNeedsItsThreads() throws IOException {
        // exit_group called by the leader itself, or pthread_exit: PF_EXITING alone decides nothing.
        process('Z', 0x40800c, 3);
        Path runs = thread(4243, 'S', 0x400040, 0);
        assertTrue(proc.alive(PID, TICKS));
        assertEquals(Optional.of(runs), proc.filesDir(proc.stat(PID).orElseThrow()));
    }

    @Test
    void aZombieAloneIsGoneWithoutReadingItsTasks() throws IOException {
        process('Z', 1);
        thread(4243, 'S', 0x400040, 0); // a leftover the count says is not there: not read
        assertFalse(proc.alive(PID, TICKS));
    }

    @Test
    void vanishedOrGarbledTasksCountAsGone() throws IOException {
        process('Z', 3);
        Files.createDirectories(root.resolve(Long.toString(PID)).resolve("task").resolve("4243")); // no stat
        Files.writeString(Files.createDirectories(root.resolve(Long.toString(PID)).resolve("task").resolve("4244")).resolve("stat"),
                "4244 (x) S 1\n");
        Files.createDirectories(root.resolve(Long.toString(PID)).resolve("task").resolve("not-a-tid"));
        assertFalse(proc.alive(PID, TICKS));
    }

    @Test
    void aProcessWhoseTaskListVanishedIsGone() throws IOException {
        process('Z', 3);
        Path tasks = root.resolve(Long.toString(PID)).resolve("task");
        Files.delete(tasks.resolve(Long.toString(PID)).resolve("stat"));
        Files.delete(tasks.resolve(Long.toString(PID)));
        Files.delete(tasks);
        assertFalse(proc.alive(PID, TICKS));
    }

    @Test
    void aRunningLeaderIsAliveWithoutItsTasks() throws IOException {
        process('S', 5);
        ProcStat stat = proc.stat(PID).orElseThrow();
        assertTrue(proc.alive(PID, TICKS));
        assertEquals(Optional.of(root.resolve(Long.toString(PID))), proc.filesDir(stat));
    }
}
