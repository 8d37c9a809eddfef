package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * For a command that catches a typed failure itself: ends it exactly as {@link Failures} ends every
 * command (one line, or one JSON object with {@code --json}). Commands may as well let it propagate.
 */
final class CliErrors {
    private CliErrors() {}

    static int report(CommandSpec spec, UpdateException e) {
        boolean json = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(Failures.JSON_OPTION);
        return Failures.print(spec.commandLine(), json, e.exitCode(), e.getMessage());
    }
}
