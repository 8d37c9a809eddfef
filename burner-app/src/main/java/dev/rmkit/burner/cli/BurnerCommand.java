package dev.rmkit.burner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command of the disc burner. */
@Command(
        name = "burner",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Burns multi-session ISO 9660/Joliet discs on a virtual recorder, and refuses to be interrupted mid-burn.",
        subcommands = {CommandLine.HelpCommand.class})
public final class BurnerCommand implements Runnable {

    @Spec CommandSpec spec;

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BurnerCommand());
        cl.getCommandSpec().exitCodeOnInvalidInput(2);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
