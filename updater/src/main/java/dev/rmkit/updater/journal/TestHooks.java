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

    public static void reach(String step) {
        TestPoints.reach(step);
    }
}
