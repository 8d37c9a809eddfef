package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.lifecycle.Rollback;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code updater rollback}: back to the kept previous release, asking the holders like apply. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Goes back to the previous release the last update kept: closes the apps holding the files "
                + "(a refusal defers it), swaps the kept files back atomically, and restarts the apps. Manifests "
                + "older than the release rolled back from stay refused.")
public final class RollbackCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin InstallDirOptions install;

    @Mixin HolderMixin holders;

    private final UpdaterContext ctx;

    public RollbackCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return Printing.trapped(spec, install.json,
                () -> Rollback.run(ctx, install.installDir, holders.options(spec.commandLine().getErr())));
    }
}
