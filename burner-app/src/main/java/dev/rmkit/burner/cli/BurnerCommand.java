package dev.rmkit.burner.cli;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.rm.console.ConsoleLogging;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command of the disc burner: its subcommands and the exit-code table shown in {@code --help}. */
@Command(
        name = "burner",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Burns multi-session ISO 9660/Joliet discs on a virtual recorder, and refuses to be interrupted mid-burn.",
        subcommands = {BurnCommand.class, StartCommand.class, InfoCommand.class, LsCommand.class, EraseCommand.class,
            CommandLine.HelpCommand.class})
public final class BurnerCommand implements Runnable {

    /** Read by Main before picocli runs (logging must be set up first); declared so picocli accepts it everywhere. */
    @Option(names = ConsoleLogging.VERBOSE_FLAG, scope = ScopeType.INHERIT,
            description = "Log diagnostics (FINE and above) on stderr; also RMKIT_VERBOSE=1.")
    boolean verbose;

    @Spec CommandSpec spec;

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BurnerCommand());
        cl.getCommandSpec().usageMessage().footer(exitCodeFooter());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof BurnerException b) {
                cmd.getErr().println("burner: " + b.getMessage());
                return b.exitCode().code();
            }
            throw ex;
        });
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        }
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        cl.getCommandSpec().exitCodeOnExecutionException(ExitCode.SOFTWARE.code());
        return cl;
    }

    static String[] exitCodeFooter() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Exit codes:");
        for (ExitCode c : ExitCode.values()) {
            lines.add(String.format("  %3d  %s", c.code(), c.meaning()));
        }
        return lines.toArray(String[]::new);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
