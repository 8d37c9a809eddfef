package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.lifecycle.Uninstall;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code updater uninstall}: remove what the updater installed, asking the holders like apply. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = "Removes every file the updater installed and the install's state: closes the apps holding "
                + "them (a refusal defers it), removes the files by a journaled swap (resume finishes or undoes an "
                + "interrupted one), and unregisters any resume and the install's updater auto schedule (as "
                + "schedule remove does). Files the updater did not install, or that changed "
                + "since, stay where they are and are listed.")
public final class UninstallCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin InstallDirOptions install;

    @Mixin AskMixin ask;

    private final UpdaterContext ctx;

    public UninstallCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return Printing.print(spec, Uninstall.run(ctx, install.installDir, ask.waitFor, ask.force), install.json);
    }
}
