package dev.rmkit.burner.disc;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The burner's only test seam: with {@code RMKIT_BURNER_TEST_HOLD=FILE} in its environment, a burn
 * pauses once a tenth of it is written, for as long as FILE exists. A test that must find the burner
 * busy (an update during a burn) creates FILE first and deletes it to let the burn finish, so it races
 * no clock: how fast the machine burns no longer decides whether the burn is still running. A paused
 * burn still stops cleanly when its session ends. Without the variable it does nothing.
 */
final class TestHold {

    static final String ENV = "RMKIT_BURNER_TEST_HOLD";
    private static final Path FILE = holdFile();

    private TestHold() {}

    private static Path holdFile() {
        String v = System.getenv(ENV);
        return v == null || v.isEmpty() ? null : Path.of(v);
    }

    /** Called after each write: holds while FILE exists, once {@code written} reaches a tenth of {@code total}. */
    static void at(long written, long total, BurnMonitor monitor) throws BurnerException {
        if (FILE == null || written * 10 < total) {
            return;
        }
        while (Files.exists(FILE)) {
            if (monitor.stopRequested()) {
                throw new BurnerException(ExitCode.INTERRUPTED, "the burn was stopped before it finished");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BurnerException(ExitCode.INTERRUPTED, "the burn was interrupted");
            }
        }
    }
}
