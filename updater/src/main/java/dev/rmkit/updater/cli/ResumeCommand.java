package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.Resumer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater resume}: finish an update interrupted by a crash or waiting for a reboot. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Finishes an update interrupted by a crash (rolled back or forward, never mixed) or one that "
                + "waited for a reboot. Does nothing if nothing is unfinished.")
public final class ResumeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--install-dir", required = true, paramLabel = "D", description = "The install.")
    Path installDir;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    private final UpdaterContext ctx;

    public ResumeCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return Printing.trapped(spec, json, () -> new Resumer(ctx).resume(installDir));
    }
}
