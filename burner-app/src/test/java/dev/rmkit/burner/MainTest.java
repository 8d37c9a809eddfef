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
}
