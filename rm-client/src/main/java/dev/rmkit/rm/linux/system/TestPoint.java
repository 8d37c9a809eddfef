package dev.rmkit.rm.linux.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where fault tests hold the after-boot starter at its worst moment (an app started, its start not
 * yet recorded): with {@code -Drmkit.test.pauseAt=STEP} the process writes its pid to the file named
 * by {@code rmkit.test.pauseFile} and waits until that file is gone, so the test can kill it there.
 * The updater's {@code TestHooks} use the same two properties. Without them every call is a no-op.
 */
final class TestPoint {

    private TestPoint() {}

    static void reach(String step) {
        if (!step.equals(System.getProperty("rmkit.test.pauseAt"))) {
            return;
        }
        Path marker = Path.of(System.getProperty("rmkit.test.pauseFile", "rmkit-pause"));
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
