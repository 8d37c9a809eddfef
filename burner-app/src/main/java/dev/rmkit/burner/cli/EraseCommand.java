package dev.rmkit.burner.cli;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.disc.DiscHeader;
import dev.rmkit.burner.disc.DiscImage;
import dev.rmkit.burner.disc.Recorder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code burner erase}: blanks rewritable media. */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Erase a rewritable disc (cd-rw): every session is gone and the disc gets a new id.")
public final class EraseCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--disc", required = true, paramLabel = "IMAGE", description = "The disc image.")
    Path disc;

    @Override
    public Integer call() throws BurnerException {
        try (DiscImage d = DiscImage.open(disc, true)) {
            DiscHeader h = Recorder.erase(d);
            spec.commandLine().getOut().println("erased " + disc + "; new disc id " + h.discId());
        }
        return ExitCode.OK.code();
    }
}
