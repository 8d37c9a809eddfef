package dev.rmkit.rm.linux;

import dev.rmkit.rm.linux.proc.CompilerThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, before the first app of a shutdown is told to end, until this JVM's JIT compiler threads are
 * idle: at most {@link #LIMIT}, while the apps, which have all agreed to close, still run. Listing the
 * holders, asking the apps and arming their restarts run a lot of code for the first time, and HotSpot
 * compiles what turned hot meanwhile; one optimising (C2) compile of a large method (the class-file
 * writer behind lambdas and method handles) took 100 to 200 ms here. Started just before the close, it
 * ran on through the apps' exit and their restart: the restart's launcher, or the thread restarting the
 * apps, then waited milliseconds for a core behind it (docs/performance.md, "Seventh round"). Idle means
 * {@link CompilerThreads#look} saw no compiler thread working in two looks in a row, {@link #POLL_NANOS}
 * apart. A JVM without compiler threads does not wait at all.
 */
final class QuietJit {

    /** The longest wait: past it, the shutdown goes on, with the JIT still busy. */
    static final Duration LIMIT = Duration.ofMillis(250);
    static final long POLL_NANOS = 500_000;
    private static final int QUIET_LOOKS = 2;

    private QuietJit() {}

    /** Waits until the compiler threads under {@code procRoot} are idle or {@code limit} passed; true if idle. */
    static boolean await(Path procRoot, Duration limit) {
        CompilerThreads jit = CompilerThreads.ofThisJvm(procRoot);
        if (jit.count() == 0) {
            return true;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        jit.look();
        int quiet = 0;
        while (System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(POLL_NANOS);
            quiet = jit.look() ? quiet + 1 : 0;
            if (quiet >= QUIET_LOOKS) {
                return true;
            }
        }
        return false;
    }
}
