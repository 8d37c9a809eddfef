package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.Applier;
import dev.rmkit.updater.apply.ApplyRequest;
import dev.rmkit.updater.fetch.ProgressBar;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.health.CommandWords;
import dev.rmkit.updater.health.HealthCheck;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code updater apply}: verify, stage, close the holders, swap, restart; or defer, or schedule for reboot. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Applies a signed manifest to an install: verifies and stages everything first, then closes "
                + "the apps holding the files (a refusal defers the update), swaps the files atomically, and "
                + "restarts the apps. The replaced release is kept for updater rollback.")
public final class ApplyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ManifestOptions target;

    @Mixin HolderMixin holders;

    @Option(names = "--keep-releases", paramLabel = "N",
            description = "How many previous releases to keep for updater rollback (default: 1; 0 keeps none).")
    int keepReleases = 1;

    @Option(names = "--health-check", paramLabel = "CMD",
            description = "Run CMD after the apps are back; if it fails (exit not 0, or past --health-timeout) the "
                    + "update is rolled back. Split into words at spaces ('...' and \"...\" group), run without a shell.")
    String healthCheck;

    @Option(names = "--health-timeout", paramLabel = "DURATION", converter = Converters.Timeout.class,
            description = "How long the health check may take (default: 60s).")
    Duration healthTimeout = Duration.ofSeconds(60);

    @Option(names = "--ignore-rollout",
            description = "Take the release even if its staged rollout does not offer it to this install yet.")
    boolean ignoreRollout;

    private final UpdaterContext ctx;

    public ApplyCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (keepReleases < 0) {
            throw new ParameterException(spec.commandLine(), "--keep-releases must not be negative: " + keepReleases);
        }
        Optional<HealthCheck> health;
        try {
            health = Optional.ofNullable(healthCheck).map(c -> new HealthCheck(CommandWords.split(c), healthTimeout));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--health-check: " + e.getMessage());
        }
        ApplyRequest req = new ApplyRequest(target.release(), target.installDir, target.trustKey(),
                holders.options(spec.commandLine().getErr()), target.allowDowngrade, keepReleases, health, ignoreRollout);
        UpdaterContext run = ctx.withProgress(target.json ? ProgressSink.NONE
                : ProgressBar.forTerminal(spec.commandLine().getErr()));
        return Printing.trapped(spec, target.json, () -> new Applier(run).apply(req));
    }
}
