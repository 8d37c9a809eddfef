package dev.rmkit.updater;

import dev.rmkit.rm.console.ConsoleLogging;
import dev.rmkit.updater.cli.UpdaterCommand;
import dev.rmkit.updater.cli.VersionProvider;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import sun.misc.Signal;

/** Entry point of {@code updater}. Tests call {@link #run} and never exit the JVM. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        exitWithTheRunsCodeOnLateSignals();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs the command line and returns the exit code (see {@link ExitCode}). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return versionOnly(args) ? version(out) : run(UpdaterContext.defaults(), out, err, args);
    }

    /** Runs the command line in {@code ctx}: what tests use to inject a platform, boot id or clock. */
    public static int run(UpdaterContext ctx, PrintWriter out, PrintWriter err, String... args) {
        if (versionOnly(args)) {
            return version(out);
        }
        CommandLine cl = UpdaterCommand.commandLineFor(ctx, args);
        cl.setOut(out);
        cl.setErr(err);
        ConsoleLogging.configure(err, ConsoleLogging.verbose(List.of(args), System.getenv()));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * SIGINT and SIGTERM end the JVM as by default (130, 143), except after a run has ended
     * ({@link Interruption#ended}): its report is printed, so the process exits with the report's code,
     * not with one that contradicts it (a shutdown's SIGTERM landing between the report and the exit).
     * While a run is trapped ({@code cli/SignalTrap}) its own handlers are in place instead.
     */
    private static void exitWithTheRunsCodeOnLateSignals() {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), s -> System.exit(Interruption.endedWith().orElse(128 + s.getNumber())));
            } catch (IllegalArgumentException unavailable) {
                // Not a signal on this OS, or reserved by the JVM (-Xrs): the default behaviour stays.
            }
        }
    }

    private static boolean versionOnly(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /**
     * What picocli prints for a bare {@code --version} (SubcommandsTest compares), without the platform,
     * the context or picocli's model: fleet tools run it to learn what is installed, and those were most
     * of its start-up.
     */
    private static int version(PrintWriter out) {
        out.println(VersionProvider.line());
        out.flush();
        return ExitCode.OK.code();
    }
}
