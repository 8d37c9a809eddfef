package dev.rmkit.updater.cli;

import dev.rmkit.rm.console.ConsoleLogging;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdaterContext;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The root command: lists the subcommands ({@link Subcommands}) and the exit codes. */
@Command(
        name = "updater",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Applies signed update manifests, closing and restarting the apps that hold the files.")
public final class UpdaterCommand implements Runnable {

    /** Read by Main before picocli runs (logging must be set up first); declared so picocli accepts it everywhere. */
    @Option(names = ConsoleLogging.VERBOSE_FLAG, scope = ScopeType.INHERIT,
            description = "Log diagnostics (FINE and above) on stderr; also RMKIT_VERBOSE=1.")
    boolean verbose;

    @Spec CommandSpec spec;

    /** A command line with every subcommand, wired with the exit-code table and usage-error code. */
    public static CommandLine commandLine() {
        return commandLine(UpdaterContext.defaults());
    }

    /** The same, with the subcommands working in {@code ctx} (tests inject a platform, boot id, clock). */
    public static CommandLine commandLine(UpdaterContext ctx) {
        CommandLine cl = commandLine(ctx, List.copyOf(Subcommands.ALL.values()));
        cl.getCommandSpec().usageMessage().footer(ExitCode.helpTable());
        return cl;
    }

    /**
     * The command line that runs {@code args}: only the subcommands they can reach (see {@link Subcommands}),
     * and the exit-code table formatted only if a usage message shows it (formatting numbers loads the
     * locale data: a good part of the start-up of {@code --version}).
     */
    public static CommandLine commandLineFor(UpdaterContext ctx, String... args) {
        CommandLine cl = commandLine(ctx, Subcommands.neededFor(List.of(args)));
        IHelpSectionRenderer footer = cl.getHelpSectionMap().get(UsageMessageSpec.SECTION_KEY_FOOTER);
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            cl.getCommandSpec().usageMessage().footer(ExitCode.helpTable());
            return footer.render(help);
        });
        return cl;
    }

    private static CommandLine commandLine(UpdaterContext ctx, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new UpdaterCommand(), new ContextFactory(ctx));
        subcommands.forEach(cl::addSubcommand);
        cl.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n");
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
