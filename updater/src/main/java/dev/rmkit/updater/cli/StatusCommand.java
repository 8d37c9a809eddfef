package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.apply.Status;
import dev.rmkit.updater.apply.StatusReader;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.rm.console.SafeText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater status}: installed version, pending work, last outcome. Changes nothing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the installed version, any unfinished update, how the last apply, resume or auto ended, "
                + "and what unattended updates plan next.")
public final class StatusCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--install-dir", required = true, paramLabel = "D", description = "The install.")
    Path installDir;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws UpdateException {
        PrintWriter out = spec.commandLine().getOut();
        Status s = StatusReader.read(installDir);
        if (json) {
            out.println(StateJson.line(s));
        } else {
            out.println(s.installed() ? SafeText.field(s.product()) + " " + SafeText.field(s.version()) + " ("
                    + SafeText.field(s.channel()) + ", " + s.files() + " files"
                    + (s.missingFiles() == 0 ? "" : ", " + s.missingFiles() + " of them missing: run updater verify")
                    + ", key " + s.keyId() + ", installed " + s.installedAt() + ")" : "nothing installed by the updater");
            out.println("pending: " + (s.pending().equals("none") ? "none" : s.pending() + " update to "
                    + SafeText.field(s.pendingVersion())
                    + (s.pending().equals("reboot") ? " (finishes at the next boot)" : " (run updater resume)")));
            if (!s.appsLeftClosed().isEmpty()) {
                out.println("left closed: " + String.join(", ", s.appsLeftClosed().stream().map(SafeText::field).toList())
                        + " (updater restart-apps starts them)");
            }
            if (!s.staged().isEmpty()) {
                out.println("staged: " + SafeText.line(String.join(", ", s.staged())));
            }
            out.println("last: " + (!s.lastReportProblem().isEmpty() ? "unreadable (" + SafeText.line(s.lastReportProblem()) + ")"
                    : s.lastOutcome().isEmpty() ? "none"
                    : s.lastOutcome().toLowerCase(Locale.ROOT).replace('_', ' ') + " (exit " + s.lastExitCode() + ") at "
                            + s.lastFinishedAt() + (s.lastMessage().isEmpty() ? "" : " - " + SafeText.line(s.lastMessage()))));
            if (!s.autoSummary().isEmpty()) {
                out.println("unattended: " + SafeText.line(s.autoSummary()));
            }
        }
        out.flush();
        return 0;
    }
}
