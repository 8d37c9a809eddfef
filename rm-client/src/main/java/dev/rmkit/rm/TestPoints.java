package dev.rmkit.rm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where fault tests reach into a running rmkit process, shared by the updater's swap
 * (its {@code TestHooks}) and the Linux after-boot starter, which may not import each other. At each
 * named step the code calls {@link #reach}; with the system property {@code rmkit.test.crashAt=STEP}
 * the process halts at once with status 137 (no shutdown hooks, no buffered writes: what SIGKILL or a
 * power cut leaves behind), and with {@code rmkit.test.pauseAt=STEP[,STEP...]} it writes its pid to the
 * file named by {@code rmkit.test.pauseFile} and waits until that file is deleted, so a test can SIGKILL
 * it there or run another process meanwhile; each listed step pauses the first time it is reached. Without those properties every call is a no-op. Not an API
 * for applications.
 */
public final class TestPoints {

    public static final String CRASH_AT = "rmkit.test.crashAt";
    public static final String PAUSE_AT = "rmkit.test.pauseAt";
    public static final String PAUSE_FILE = "rmkit.test.pauseFile";
    public static final String MARK_DIR = "rmkit.test.markDir";

    private static final Set<String> PAUSED = ConcurrentHashMap.newKeySet();

    private TestPoints() {}

    public static void reach(String step) {
        if (!watched()) {
            return;
        }
        if (step.equals(System.getProperty(CRASH_AT))) {
            Runtime.getRuntime().halt(137);
        }
        if (List.of(System.getProperty(PAUSE_AT, "").split(",")).contains(step) && PAUSED.add(step)) {
            pause(Path.of(System.getProperty(PAUSE_FILE, "rmkit-pause")));
        }
    }

    /**
     * Whether a test set a crash or pause point: without one, {@link #reach} returns at once, with nothing
     * compared, split or allocated (the swap's points fall between the apps' exit and their restart).
     */
    public static boolean watched() {
        return System.getProperty(CRASH_AT) != null || System.getProperty(PAUSE_AT) != null;
    }

    /**
     * Tells a test that {@code step} happened, where it cannot pause the process (a signal handler): with
     * the system property {@code rmkit.test.markDir=DIR} it creates the file {@code DIR/STEP}. Without it,
     * a no-op.
     */
    public static void mark(String step) {
        String dir = System.getProperty(MARK_DIR);
        if (dir != null) {
            try {
                Files.writeString(Path.of(dir, step), Long.toString(ProcessHandle.current().pid()));
            } catch (IOException e) {
                Runtime.getRuntime().halt(137); // a test waits for it: never leave it waiting
            }
        }
    }

    private static void pause(Path marker) {
        try {
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            while (Files.exists(marker)) {
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException e) {
            Runtime.getRuntime().halt(137);
        }
    }
}
