package dev.rmkit.updater.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How the apps holding the files are asked to close: {@code --wait} and {@code --force} (apply, rollback, uninstall). */
final class AskMixin {

    @Option(names = "--wait", paramLabel = "DURATION", converter = Durations.WaitConverter.class,
            description = "Keep asking refusing apps for this long (90s, 5m, 1h30m) before deferring.")
    Duration waitFor = Duration.ZERO;

    @Option(names = "--force", description = "Close apps even if they refuse (they may lose work).")
    boolean force;
}
