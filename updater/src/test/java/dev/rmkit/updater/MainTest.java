package dev.rmkit.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RmKit;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertEquals(0, run("--version"));
        assertEquals("updater " + RmKit.version(), out.toString().strip());
        assertTrue(RmKit.version().matches("\\d+\\.\\d+\\.\\d+.*"), RmKit.version());
    }

    @Test
    void helpListsEveryExitCode() {
        assertEquals(0, run("--help"));
        for (ExitCode c : ExitCode.values()) {
            assertTrue(out.toString().contains(c.meaning()), "help lacks " + c);
        }
    }

    @Test
    void unknownOptionIsBadUsage() {
        assertEquals(ExitCode.USAGE.code(), run("--no-such-option"));
        assertTrue(err.toString().contains("--no-such-option"), err.toString());
    }
}
