package dev.rmkit.updater;

import dev.rmkit.rm.console.ConsoleLogging;
import dev.rmkit.updater.cli.UpdaterCommand;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of {@code updater}. Tests call {@link #run} and never exit the JVM. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs the command line and returns the exit code (see {@link ExitCode}). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(UpdaterContext.defaults(), out, err, args);
    }

    /** Runs the command line in {@code ctx}: what tests use to inject a platform, boot id or clock. */
    public static int run(UpdaterContext ctx, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = UpdaterCommand.commandLineFor(ctx, args);
        cl.setOut(out);
        cl.setErr(err);
        ConsoleLogging.configure(err, ConsoleLogging.verbose(List.of(args), System.getenv()));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
