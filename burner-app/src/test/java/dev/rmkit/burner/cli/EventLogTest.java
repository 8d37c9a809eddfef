package dev.rmkit.burner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

    @TempDir Path tmp;

    @Test
    void everyLineGoesToTheOutputAndIsAppendedToTheLog() throws Exception {
        Path file = Files.writeString(tmp.resolve("burner.log"), "from an earlier run\n");
        StringWriter out = new StringWriter();
        try (EventLog log = EventLog.open(new PrintWriter(out), Optional.of(file))) {
            log.line("burner 2.0, pid 7");
            log.line("ready");
        }
        assertEquals(List.of("burner 2.0, pid 7", "ready"), out.toString().lines().toList());
        assertEquals(List.of("from an earlier run", "burner 2.0, pid 7", "ready"), Files.readAllLines(file));
    }

    @Test
    void withoutALogOnlyTheOutputGetsTheLines() throws Exception {
        StringWriter out = new StringWriter();
        try (EventLog log = EventLog.open(new PrintWriter(out), Optional.empty())) {
            log.line("ready");
        }
        assertEquals("ready", out.toString().strip());
    }

    @Test
    void aLogThatCannotBeWrittenIsRefusedBeforeAnythingRuns() {
        Path file = tmp.resolve("missing-dir/burner.log");
        BurnerException e = assertThrows(BurnerException.class,
                () -> EventLog.open(new PrintWriter(new StringWriter()), Optional.of(file)));
        assertEquals(ExitCode.NO_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
