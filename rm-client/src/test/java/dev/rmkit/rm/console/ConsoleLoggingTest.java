package dev.rmkit.rm.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLoggingTest {

    private static final System.Logger LOG = System.getLogger(ConsoleLoggingTest.class.getName());

    @Test
    void byDefaultOnlyWarningsReachTheErrorStreamOneLineEach() {
        StringWriter err = new StringWriter();
        ConsoleLogging.configure(new PrintWriter(err), false);

        LOG.log(System.Logger.Level.INFO, "pid 1 not inspected");
        LOG.log(System.Logger.Level.DEBUG, "details");
        LOG.log(System.Logger.Level.WARNING, "ignoring registry entry {0}:\n{1}", "/run/x.json", "forged");

        assertEquals("warning: ignoring registry entry /run/x.json: forged" + System.lineSeparator(), err.toString());
    }

    @Test
    void anotherProcesssTextInAWarningCannotDriveTheTerminal() {
        StringWriter err = new StringWriter();
        ConsoleLogging.configure(new PrintWriter(err), false);
        LOG.log(System.Logger.Level.WARNING, "ignoring registry entry {0}: {1}",
                "/run/x.json", "forged \u001b[2J\u001b]0;owned\u0007");
        assertEquals("warning: ignoring registry entry /run/x.json: forged \\x1b[2J\\x1b]0;owned\\x07"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void verboseShowsDiagnostics() {
        StringWriter err = new StringWriter();
        ConsoleLogging.configure(new PrintWriter(err), true);

        LOG.log(System.Logger.Level.DEBUG, "details");

        assertEquals("fine: details" + System.lineSeparator(), err.toString());
        ConsoleLogging.configure(new PrintWriter(new StringWriter()), false);
    }

    @Test
    void verboseComesFromTheFlagBeforeADoubleDashOrTheEnvironment() {
        assertTrue(ConsoleLogging.verbose(List.of("holders", "--verbose", "x"), Map.of()));
        assertFalse(ConsoleLogging.verbose(List.of("holders", "--", "--verbose"), Map.of()));
        assertTrue(ConsoleLogging.verbose(List.of(), Map.of("RMKIT_VERBOSE", "1")));
        assertFalse(ConsoleLogging.verbose(List.of(), Map.of("RMKIT_VERBOSE", "0")));
    }
}
