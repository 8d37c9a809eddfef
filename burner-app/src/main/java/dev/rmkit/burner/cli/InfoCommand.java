package dev.rmkit.burner.cli;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.disc.DiscImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code burner info}: media, identity, sessions, free space, appendable or closed. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a disc's media type, disc id, sessions (number, start sector, size, label), free space "
                + "and whether it is appendable or closed.")
public final class InfoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--disc", required = true, paramLabel = "IMAGE", description = "The disc image.")
    Path disc;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws BurnerException {
        try (DiscImage d = DiscImage.open(disc, false)) {
            String p = disc.toString();
            spec.commandLine().getOut().print(json ? DiscReport.json(p, d.header()) + "\n" : DiscReport.text(p, d.header()));
        }
        return ExitCode.OK.code();
    }
}
