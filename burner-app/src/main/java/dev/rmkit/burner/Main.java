package dev.rmkit.burner;

import dev.rmkit.burner.cli.BurnerCommand;
import dev.rmkit.rm.console.ConsoleLogging;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of {@code burner}. Tests call {@link #run} and never exit the JVM. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = BurnerCommand.commandLine();
        cl.setOut(out);
        cl.setErr(err);
        ConsoleLogging.configure(err, ConsoleLogging.verbose(List.of(args), System.getenv()));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
