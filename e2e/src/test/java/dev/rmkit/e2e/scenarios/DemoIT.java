package dev.rmkit.e2e.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.e2e.testing.Cmd;
import dev.rmkit.e2e.testing.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first command, {@code bin/demo}, run as a person runs it (only the build is skipped: the
 * reactor has just built everything). It must exit 0, narrate every step of the story with the real
 * outputs, and leave no process and no file behind.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the launchers are POSIX sh and the scenarios need the Linux backend")
class DemoIT {

    @TempDir Path tmp;

    @Test
    void theDemoTellsTheWholeStoryExitsZeroAndLeavesNothingBehind() throws Exception {
        // The burn holds at 10% until the demo's deferred step is over (the demo deletes the file): the first
        // update certainly finds the burner busy, however loaded the machine is.
        Path hold = Files.createFile(tmp.resolve("hold-burn"));
        Cmd.Result r = Cmd.run(List.of(Repo.bin("demo").toString()), tmp,
                Map.of("RMKIT_DEMO_SKIP_BUILD", "1", "TMPDIR", tmp.toString(), "RMKIT_BURNER_TEST_HOLD", hold.toString()));

        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        for (String expected : List.of(
                "| updated: (none) -> 1.0 (exit 0)",
                "| burner 1.0, pid ",
                "burner | job photos: burning session 1 'Photos'",
                "| deferred: 1.0 -> 2.0 (exit 75)",
                "exit 75: deferred. The burner said no (\"Burning session 1 of 'Photos' \u2014 ",
                "burner | end-session query [CLOSE_APP]: refused: Burning session 1 of 'Photos' \u2014 ",
                "burner | job photos: done, session 1 at block 32",
                "burner | end-session query [CLOSE_APP]: allowed (idle)",
                "| updated: 1.0 -> 2.0 (exit 0)",
                "|   replaced (1): burner.jar",
                "burner | job notes: done, session 2 ",
                "| sessions:  2",
                "| demo-burner 2.0 (stable, ",
                "versions:  1.0 installed and running -> 2.0 installed and running")) {
            assertTrue(out.contains(expected), "missing \"" + expected + "\" in:\n" + out);
        }
        assertTrue(Pattern.compile("burner \\| burner 2\\.0, pid \\d+, restored from \\S+: queue empty, disc [0-9a-f-]{36}, "
                + "speed 1x").matcher(out).find(), out);
        assertTrue(Pattern.compile("downtime: +\\d+ ms from closing the burner to starting it again").matcher(out).find(), out);
        assertTrue(Pattern.compile("demo took: \\d+s").matcher(out).find(), out);

        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the demo removes its directory");
        }
        assertEquals(List.of(), ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(tmp.toString())).orElse(false)).toList(),
                "the demo stops every process it started");
    }
}
