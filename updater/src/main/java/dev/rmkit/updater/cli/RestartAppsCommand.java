package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.lifecycle.RestartApps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code updater restart-apps}: bring back the apps an {@code apply --no-restart} left closed. */
@Command(name = "restart-apps", mixinStandardHelpOptions = true,
        description = "Starts the apps that apply --no-restart (or rollback --no-restart) left closed, with their "
                + "recorded command lines and working directories, as their own users.")
public final class RestartAppsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin InstallDirOptions install;

    private final UpdaterContext ctx;

    public RestartAppsCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return Printing.trapped(spec, install.json, () -> RestartApps.run(ctx, install.installDir));
    }
}
