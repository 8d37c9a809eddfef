package dev.rmkit.updater.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place where crash tests reach into a running updater. At each named step of the swap the
 * updater calls {@link #reach}; with the system property {@code rmkit.test.crashAt=STEP} it halts
 * at once with status 137 (no shutdown hooks, no buffered writes: what SIGKILL or a power cut leaves
 * behind), and with {@code rmkit.test.pauseAt=STEP[,STEP...]} it creates the file named by
 * {@code rmkit.test.pauseFile} and waits until that file is deleted, so a test can SIGKILL it or run a
 * second updater meanwhile; each listed step pauses the first time it is reached. Without those
 * properties every call is a no-op.
 */
public final class TestHooks {

    public static final String CRASH_AT = "rmkit.test.crashAt";
    public static final String PAUSE_AT = "rmkit.test.pauseAt";
    public static final String PAUSE_FILE = "rmkit.test.pauseFile";

    private static final java.util.Set<String> PAUSED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private TestHooks() {}

    public static void reach(String step) {
        if (step.equals(System.getProperty(CRASH_AT))) {
            Runtime.getRuntime().halt(137);
        }
        if (java.util.List.of(System.getProperty(PAUSE_AT, "").split(",")).contains(step) && PAUSED.add(step)) {
            pause(Path.of(System.getProperty(PAUSE_FILE, "rmkit-pause")));
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
