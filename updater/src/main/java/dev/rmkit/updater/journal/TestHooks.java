package dev.rmkit.updater.journal;

import dev.rmkit.rm.TestPoints;

/**
 * The updater's crash and pause points ({@code journal-prepared}, {@code backup-N}, {@code committed},
 * …), reached through the one fault-test seam of rmkit, {@link TestPoints}: {@code rmkit.test.crashAt}
 * halts there with status 137, {@code rmkit.test.pauseAt=STEP[,STEP...]} waits there (each listed
 * step the first time it is reached) until {@code rmkit.test.pauseFile} is deleted. Without those properties every call is a no-op.
 */
public final class TestHooks {

    public static final String CRASH_AT = TestPoints.CRASH_AT;
    public static final String PAUSE_AT = TestPoints.PAUSE_AT;
    public static final String PAUSE_FILE = TestPoints.PAUSE_FILE;

    private TestHooks() {}

    private static volatile boolean silent;

    public static void reach(String step) {
        if (!silent) {
            TestPoints.reach(step);
        }
    }

    /** {@link #reach} of step {@code prefix + n}, the name made only where a test watches. */
    public static void reach(String prefix, int n) {
        if (!silent && TestPoints.watched()) {
            TestPoints.reach(prefix + n);
        }
    }

    /** While {@link Rehearsal} runs the swap's code on scratch files, its points are not the swap's: no crash, no pause. */
    static void silence(boolean on) {
        silent = on;
    }
}
