package dev.rmkit.updater.cli;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.schedule.Registration;
import dev.rmkit.updater.schedule.ScheduleRequest;
import dev.rmkit.updater.schedule.Scheduling;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code updater schedule install|remove|show}: registers {@code updater auto} with the OS scheduler. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Registers updater auto for an install with the OS scheduler (no rmkit daemon): a systemd timer "
                + "and service for root, a user timer for anyone else, a Task Scheduler task on Windows.",
                "install: validates P, stores it as D/.rmkit/policy.json and registers the schedule (its interval, "
                + "random delay and window openings come from P; run install again after changing them). "
                + "remove: removes the registration (also one left behind by a directory that is no longer an "
                + "install; uninstall removes it too). show: what is registered."})
public final class ScheduleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "install|remove|show", description = "What to do.")
    String action;

    @Option(names = "--install-dir", required = true, paramLabel = "D", description = "The install.")
    Path installDir;

    @Option(names = "--policy", paramLabel = "P", description = "The policy file (install only).")
    Path policy;

    private final UpdaterContext ctx;

    public ScheduleCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        try {
            ScheduleRequest req = ScheduleRequest.of(action, installDir, policy);
            Registration r = new Scheduling(ctx.clock()).run(req, System.getenv(), ctx.scheduler().get());
            r.lines().forEach(spec.commandLine().getOut()::println);
            r.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return ExitCode.OK.code();
        } catch (UpdateException e) {
            return CliErrors.report(spec, e);
        }
    }
}
