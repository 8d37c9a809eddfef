package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.auto.AutoRunner;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater auto}: one run of the install's unattended-update policy; what the OS scheduler starts. */
@Command(name = "auto", mixinStandardHelpOptions = true,
        description = {"Runs the install's unattended-update policy once (what the OS scheduler starts): stages a new "
                + "release as soon as it is offered, asks the apps inside the maintenance windows, warns them after the "
                + "deadline, closes them after the grace period (they still save), reboots only as the policy allows.",
                "Exit codes as apply; 75 also means 'staged, waiting for the policy'."})
public final class AutoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--install-dir", required = true, paramLabel = "D", description = "The install.")
    Path installDir;

    @Option(names = "--policy", paramLabel = "P",
            description = "The policy file (default: D/.rmkit/policy.json, put there by updater schedule install).")
    Path policy;

    @Option(names = "--json", description = "Print the report as one JSON line (the line added to the history).")
    boolean json;

    private final UpdaterContext ctx;

    public AutoCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return Printing.trapped(spec, json, () -> new AutoRunner(ctx).run(installDir, Optional.ofNullable(policy),
                WaitLine.forStderr(spec.commandLine().getErr())));
    }
}
