package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import picocli.CommandLine.Model.CommandSpec;

/** How the publisher commands end on a typed failure: one line on stderr, the failure's exit code. */
final class CliErrors {
    private CliErrors() {}

    static int report(CommandSpec spec, UpdateException e) {
        spec.commandLine().getErr().println("updater " + spec.name() + ": " + e.getMessage());
        spec.commandLine().getErr().flush();
        return e.exitCode().code();
    }
}
