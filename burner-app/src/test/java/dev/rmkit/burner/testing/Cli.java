package dev.rmkit.burner.testing;

import dev.rmkit.burner.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code burner} in-process, the way the CLI tests do. */
public final class Cli {

    /** Exit code and captured output of one run. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {}

    public static Result burner(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
