package dev.rmkit.updater.cli;

import dev.rmkit.updater.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands and the exit codes. */
@Command(
        name = "updater",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Applies signed update manifests, closing and restarting the apps that hold the files.",
        subcommands = {CommandLine.HelpCommand.class, HoldersCommand.class})
public final class UpdaterCommand implements Runnable {

    @Spec CommandSpec spec;

    /** A command line wired with the exit-code table and usage-error code. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new UpdaterCommand());
        cl.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCode.helpTable());
        cl.setUsageHelpWidth(100);
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        cl.getCommandSpec().exitCodeOnExecutionException(ExitCode.FAILED.code());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
