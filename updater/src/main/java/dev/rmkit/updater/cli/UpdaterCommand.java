package dev.rmkit.updater.cli;

import dev.rmkit.rm.console.ConsoleLogging;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdaterContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The root command: lists the subcommands and the exit codes. */
@Command(
        name = "updater",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Applies signed update manifests, closing and restarting the apps that hold the files.",
        subcommands = {
            CommandLine.HelpCommand.class,
            HoldersCommand.class,
            KeygenCommand.class,
            PublishCommand.class,
            ReleasesCommand.class,
            TrustCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            CancelCommand.class,
            ResumeCommand.class,
            RestartAppsCommand.class,
            RollbackCommand.class,
            StatusCommand.class,
            UninstallCommand.class,
            VerifyCommand.class,
            AutoCommand.class,
            ScheduleCommand.class,
            HistoryCommand.class
        })
public final class UpdaterCommand implements Runnable {

    /** Read by Main before picocli runs (logging must be set up first); declared so picocli accepts it everywhere. */
    @Option(names = ConsoleLogging.VERBOSE_FLAG, scope = ScopeType.INHERIT,
            description = "Log diagnostics (FINE and above) on stderr; also RMKIT_VERBOSE=1.")
    boolean verbose;

    @Spec CommandSpec spec;

    /** A command line wired with the exit-code table and usage-error code. */
    public static CommandLine commandLine() {
        return commandLine(UpdaterContext.defaults());
    }

    /** The same, with the subcommands working in {@code ctx} (tests inject a platform, boot id, clock). */
    public static CommandLine commandLine(UpdaterContext ctx) {
        CommandLine cl = new CommandLine(new UpdaterCommand(), new ContextFactory(ctx));
        cl.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCode.helpTable());
        cl.setUsageHelpWidth(100);
        exitCodes(cl);
        // One error mechanism for every subcommand, those added later included (Failures).
        Failures failures = new Failures();
        cl.setParameterExceptionHandler(failures);
        cl.setExecutionExceptionHandler(failures);
        return cl;
    }

    /** Every (sub)command's own spec: picocli takes a usage error's exit code from the subcommand it is in. */
    private static void exitCodes(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        cl.getCommandSpec().exitCodeOnExecutionException(ExitCode.FAILED.code());
        cl.getSubcommands().values().forEach(UpdaterCommand::exitCodes);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
