package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.apply.Status;
import dev.rmkit.updater.apply.StatusReader;
import dev.rmkit.updater.install.StateJson;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Status s;
        try {
            s = StatusReader.read(installDir);
        } catch (UpdateException e) {
            spec.commandLine().getErr().println("updater: " + e.getMessage());
            return e.exitCode().code();
        }
        if (json) {
            out.println(StateJson.text(s));
        } else {
            out.println(s.installed() ? s.product() + " " + s.version() + " (" + s.channel() + ", " + s.files()
                    + " files" + (s.missingFiles() == 0 ? "" : ", " + s.missingFiles() + " of them missing: run updater verify")
                    + ", key " + s.keyId() + ", installed " + s.installedAt() + ")" : "nothing installed by the updater");
            out.println("pending: " + (s.pending().equals("none") ? "none" : s.pending() + " update to " + s.pendingVersion()
                    + (s.pending().equals("reboot") ? " (finishes at the next boot)" : " (run updater resume)")));
            if (!s.appsLeftClosed().isEmpty()) {
                out.println("left closed: " + String.join(", ", s.appsLeftClosed()) + " (updater restart-apps starts them)");
            }
            if (!s.staged().isEmpty()) {
                out.println("staged: " + String.join(", ", s.staged()));
            }
            out.println("last: " + (s.lastOutcome().isEmpty() ? "none"
                    : s.lastOutcome().replace('_', ' ') + " (exit " + s.lastExitCode() + ") at " + s.lastFinishedAt()
                            + (s.lastMessage().isEmpty() ? "" : " - " + s.lastMessage())));
            if (!s.autoSummary().isEmpty()) {
                out.println("unattended: " + s.autoSummary());
            }
        }
        out.flush();
        return 0;
    }
}
