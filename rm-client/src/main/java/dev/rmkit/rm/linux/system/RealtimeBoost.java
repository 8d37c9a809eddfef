package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.Boost;
import dev.rmkit.rm.linux.proc.ProcStat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@link dev.rmkit.rm.SystemControl#boostThisThread()} on Linux: the calling thread alone is switched to
 * {@code SCHED_FIFO} priority 1 with {@code SCHED_RESET_ON_FORK} by {@code chrt}, and back to
 * {@code SCHED_OTHER} when the boost is closed. Java cannot call {@code sched_setscheduler} itself, and
 * {@code chrt} (util-linux) is on every distribution this runs on; each switch costs a process start,
 * paid before the apps are asked to close and after they are started again, never in between.
 *
 * <p>Why: on a machine with few cores the threads of a closing application wake all at once to die, and
 * the last of them unmaps the whole process in the kernel, milliseconds for a JVM, without giving up its
 * core on a kernel built without preemption. A normal thread that was preempted by them waits behind
 * that, with the apps down; a real-time one is not preempted by them, and is run first the moment a core
 * is free. docs/performance.md, "Fifth round".
 *
 * <p>Only the calling thread: the JVM's JIT compiler threads keep their scheduling. An earlier version ran
 * them under {@code SCHED_IDLE} while the boost held, so that a woken launcher would find a core; the trace
 * then showed the boosted thread asleep 0.8 to 3.8 ms behind HotSpot's compile-queue lock, held by a
 * compiler thread that the idle policy starved (docs/performance.md, "Sixth round").
 *
 * <p>It changes nothing (and {@link #effective()} is false) where {@code RMKIT_REALTIME} is {@code 0}, where
 * the thread is not under normal scheduling to begin with (someone chose its policy: it is left alone),
 * and where {@code chrt} is missing or the process may not use real-time scheduling (not root, no
 * {@code CAP_SYS_NICE}, {@code RLIMIT_RTPRIO} 0, or a container without the capability). Because of the
 * reset-on-fork flag, every process the thread starts meanwhile, the restarted applications among them,
 * starts under normal scheduling. A thread that loops at real-time priority is still held to the
 * kernel's real-time throttling (by default 95% of each second).
 */
final class RealtimeBoost implements Boost {

    static final Path CHRT = Path.of("/usr/bin/chrt");
    static final String ENV = "RMKIT_REALTIME";
    /** {@code policy} (field 41 of a stat line) is element 38 of the fields after the command name. */
    private static final int POLICY = 38;
    private static final int FIELDS = POLICY + 1;
    private static final int SCHED_OTHER = 0;
    private static final long CHRT_LIMIT_SECONDS = 5;

    private final Path chrt;
    private final long tid;
    private boolean raised = true;

    private RealtimeBoost(Path chrt, long tid) {
        this.chrt = chrt;
        this.tid = tid;
    }

    /** Boosts the calling thread through {@code chrt}, unless {@code env} says not to or it cannot be done. */
    static Boost thisThread(Path chrt, Map<String, String> env) {
        if ("0".equals(env.get(ENV))) {
            return Boost.none();
        }
        OptionalLong tid = threadId();
        if (tid.isEmpty() || policy(tid.getAsLong()).orElse(-1) != SCHED_OTHER
                || !run(chrt, "--reset-on-fork", "--fifo", "--pid", "1", Long.toString(tid.getAsLong()))) {
            return Boost.none();
        }
        return new RealtimeBoost(chrt, tid.getAsLong());
    }

    @Override
    public boolean effective() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (raised) {
            raised = false;
            run(chrt, "--other", "--pid", "0", Long.toString(tid));
        }
    }

    /** The calling thread's id ({@code /proc/thread-self} names {@code PID/task/TID}). */
    static OptionalLong threadId() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString()));
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    /** The scheduling policy of thread {@code tid} of this process (0 normal, 1 FIFO, 2 RR, 3 batch, 5 idle). */
    static OptionalInt policy(long tid) {
        try {
            String line = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"), StandardCharsets.US_ASCII);
            return OptionalInt.of(Integer.parseInt(ProcStat.fieldsAfterComm(line, FIELDS)[POLICY]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** Runs {@code chrt} with {@code args}; true if it said yes (exit status 0) in time. */
    private static boolean run(Path chrt, String... args) {
        List<String> argv = new ArrayList<>(List.of(chrt.toString()));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(CHRT_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
