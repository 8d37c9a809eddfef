package dev.rmkit.e2e.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class CmdTest {

    @TempDir Path tmp;

    @Test
    void aCommandThatDoesNotFinishIsKilledAndItsOutputSoFarIsInTheFailure() throws Exception {
        Path said = tmp.resolve("said");
        // The limit is 1 ms, but the look-after hook, called at least once, holds the loop until the command
        // has written both lines (the marker file comes after them): the kill always finds them written.
        AssertionError e = assertThrows(AssertionError.class, () -> Cmd.run(
                List.of("sh", "-c", "echo to-stdout; echo to-stderr >&2; : > " + said + "; exec sleep 600"), tmp,
                Map.of(), Duration.ofMillis(1), p -> {
                    try {
                        for (int i = 0; i < 6000 && !Files.exists(said) && p.isAlive(); i++) {
                            Thread.sleep(10);
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }));

        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        assertTrue(e.getMessage().contains("stdout so far: to-stdout"), e.getMessage());
        assertTrue(e.getMessage().contains("stderr so far: to-stderr"), e.getMessage());
    }
}
