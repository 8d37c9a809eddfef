package dev.rmkit.burner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.Main;
import dev.rmkit.burner.testing.Cli;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT or SIGTERM during {@code burner burn}: the burn stops before its commit, one line says the
 * disc is as it was and what to run next, and the exit code names the signal. The burn is held busy by
 * the test (RMKIT_BURNER_TEST_HOLD), so the signal certainly arrives mid-burn.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX signals")
class BurnInterruptIT {

    @TempDir Path tmp;

    @ParameterizedTest
    @CsvSource({"INT, 130, SIGINT", "TERM, 143, SIGTERM"})
    void aSignalMidBurnLeavesTheDiscAsItWasAndSaysSo(String signal, int exit, String name) throws Exception {
        Path disc = tmp.resolve("d.iso");
        Path first = Files.writeString(tmp.resolve("first.txt"), "first");
        assertEquals(0, Cli.burner("burn", "--disc", disc.toString(), first.toString()).exit());
        String before = Cli.burner("info", "--disc", disc.toString(), "--json").out();
        Path photo = Files.write(tmp.resolve("photo.jpg"), new byte[400_000]);
        Path hold = Files.createFile(tmp.resolve("hold"));

        // env --default-signal: a test JVM started in the background has SIGINT ignored, and a child inherits that.
        List<String> command = new java.util.ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        command.addAll(JavaProcess.command(Main.class, List.of("burn", "--disc", disc.toString(), "--progress", "plain",
                photo.toString())));
        try (JavaProcess burn = JavaProcess.startCommand(command, tmp, Map.of("RMKIT_BURNER_TEST_HOLD", hold.toString()))) {
            burn.awaitLine(l -> l.startsWith("progress "), Duration.ofSeconds(60));
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(burn.pid())).start().waitFor());

            assertEquals(exit, burn.awaitExit(Duration.ofSeconds(30)).orElseThrow(), burn.stderr());
            List<String> err = burn.stderr().lines().toList();
            assertEquals(1, err.size(), burn.stderr());
            assertTrue(err.get(0).startsWith("burner: stopped by " + name + " before the session was committed: the disc "
                    + "is exactly as it was"), burn.stderr());
        }
        assertEquals(before, Cli.burner("info", "--disc", disc.toString(), "--json").out(), "the disc is as it was");
    }
}
