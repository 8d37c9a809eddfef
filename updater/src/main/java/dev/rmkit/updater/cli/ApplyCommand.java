package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.Applier;
import dev.rmkit.updater.apply.ApplyRequest;
import dev.rmkit.updater.fetch.ProgressBar;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.reboot.RebootMode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater apply}: verify, stage, close the holders, swap, restart; or defer, or schedule for reboot. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Applies a signed manifest to an install: verifies and stages everything first, then closes "
                + "the apps holding the files (a refusal defers the update), swaps the files atomically, and "
                + "restarts the apps.")
public final class ApplyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ManifestOptions target;

    @Option(names = "--wait", paramLabel = "DURATION", converter = Durations.WaitConverter.class,
            description = "Keep asking refusing apps for this long (90s, 5m, 1h30m) before deferring.")
    Duration waitFor = Duration.ZERO;

    @Option(names = "--force", description = "Close apps even if they refuse (they may lose work).")
    boolean force;

    @Option(names = "--reboot", paramLabel = "never|if-needed", converter = Converters.Reboot.class,
            description = "If the update can only finish at the next boot: never (report it, exit 100) or if-needed "
                    + "(reboot now, exit 101; the reboot command is RMKIT_REBOOT_COMMAND or systemctl reboot).")
    RebootMode reboot = RebootMode.NEVER;

    @Option(names = "--no-restart", description = "Leave the closed apps closed.")
    boolean noRestart;

    @Option(names = "--close-timeout", paramLabel = "DURATION", converter = Durations.CloseTimeoutConverter.class,
            description = "How long each app has to exit once told to close, before SIGTERM (Linux; default 30s).")
    Duration closeTimeout;

    private final UpdaterContext ctx;

    public ApplyCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ApplyRequest req = new ApplyRequest(target.manifest, target.installDir, target.trustKey(), waitFor, force, reboot,
                !noRestart, target.allowDowngrade, Optional.ofNullable(closeTimeout),
                WaitLine.forStderr(spec.commandLine().getErr()));
        UpdaterContext run = ctx.withProgress(target.json ? ProgressSink.NONE
                : ProgressBar.forTerminal(spec.commandLine().getErr()));
        try (SignalTrap trap = SignalTrap.install()) {
            return Printing.print(spec, new Applier(run).apply(req), target.json);
        }
    }
}
