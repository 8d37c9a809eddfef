package dev.rmkit.burner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountsTest {

    @TempDir Path tmp;

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertEquals("1 new file", Counts.of(1, "new file"));
        assertEquals("0 new files", Counts.of(0, "new file"));
        assertEquals("2 blocks", Counts.of(2, "block"));
    }

    @Test
    void burningOneFileSaysOneNewFile() throws Exception {
        Path f = Files.writeString(tmp.resolve("only.txt"), "hello");
        StringWriter out = new StringWriter();

        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "burn", "--disc",
                tmp.resolve("disc.img").toString(), f.toString());

        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains(", 1 new file ("), out.toString());
    }
}
