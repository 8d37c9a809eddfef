package dev.rmkit.updater.cli;

import dev.rmkit.updater.apply.HolderOptions;
import dev.rmkit.updater.reboot.RebootMode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the apps holding the files are asked to close: {@code --wait}, {@code --force} and
 * {@code --close-timeout} (apply, rollback, uninstall).
 */
final class AskMixin {

    @Option(names = "--wait", paramLabel = "DURATION", converter = Converters.Wait.class,
            description = "Keep asking refusing apps for this long (90s, 5m, 1h30m) before deferring.")
    Duration waitFor = Duration.ZERO;

    @Option(names = "--force", description = "Close apps even if they refuse (they may lose work).")
    boolean force;

    @Option(names = "--close-timeout", paramLabel = "DURATION", converter = Converters.Timeout.class,
            description = "How long each app has to exit once told to close, before SIGTERM (Linux; default 30s).")
    Duration closeTimeout;

    /** The options, with the live line on {@code err} saying whom the closing waits for. */
    HolderOptions options(RebootMode reboot, HolderOptions.AfterSwap after, PrintWriter err) {
        return new HolderOptions(waitFor, force, reboot, after, Optional.ofNullable(closeTimeout), WaitLine.forStderr(err));
    }
}
