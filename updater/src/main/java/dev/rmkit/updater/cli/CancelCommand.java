package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.lifecycle.Cancel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code updater cancel}: withdraw an update that waits for the next boot. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Withdraws an update (or rollback, or uninstall) that waits for the next boot: the journal, the "
                + "resume registration, the staged files and, on Windows, the renames scheduled for the boot. The "
                + "install stays exactly as it is, and another version can then be applied.")
public final class CancelCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin InstallDirOptions install;

    private final UpdaterContext ctx;

    public CancelCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return Printing.trapped(spec, install.json, () -> Cancel.run(ctx, install.installDir));
    }
}
