package dev.rmkit.burner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.RmKit;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void versionPrintsTheProjectVersion() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version"));
        assertEquals("burner " + RmKit.version(), out.toString().strip());
    }

    @Test
    void helpListsEveryCommandAndExitCode() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help"));
        String help = out.toString();
        for (String c : new String[] {"burn", "start", "info", "ls", "erase"}) {
            org.junit.jupiter.api.Assertions.assertTrue(help.contains("  " + c + " "), c + " in " + help);
        }
        for (ExitCode c : ExitCode.values()) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    help.contains(String.format("%3d  %s", c.code(), c.meaning())), c + " in " + help);
        }
    }
}
