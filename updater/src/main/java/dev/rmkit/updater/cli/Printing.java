package dev.rmkit.updater.cli;

import dev.rmkit.rm.TestPoints;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Interruption;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.report.ReportText;
import dev.rmkit.rm.console.SafeText;
import dev.rmkit.updater.report.UpdateReport;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a report as the commands' contract says: one JSON line (the history's), or text (and the reason on stderr). */
final class Printing {

    private Printing() {}

    /**
     * Runs a command that changes an install with SIGINT and SIGTERM trapped ({@link SignalTrap}): the
     * run stops at its next safe point and still ends here, as one report.
     */
    static int trapped(CommandSpec spec, boolean json, Supplier<UpdateReport> run) {
        int code;
        try (SignalTrap trap = SignalTrap.install()) {
            code = print(spec, run.get(), json);
            Interruption.ended(code);
        }
        TestPoints.reach("signals-restored");
        return code;
    }

    static int print(CommandSpec spec, UpdateReport report, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(StateJson.line(report));
        } else {
            out.print(ReportText.render(report));
            if (report.outcome().exitCode() != ExitCode.OK && !report.message().isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(spec.qualifiedName() + ": " + SafeText.line(report.message()));
                if (report.outcome().exitCode() == ExitCode.USAGE) {
                    err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
                }
                err.flush();
            }
        }
        out.flush();
        return report.exitCode();
    }
}
