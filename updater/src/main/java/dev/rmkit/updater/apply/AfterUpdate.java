package dev.rmkit.updater.apply;

import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.health.HealthCheck;
import dev.rmkit.updater.health.HealthChecks;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.BootHealthCheck;
import dev.rmkit.updater.lifecycle.Rollback;
import dev.rmkit.updater.reboot.RebootMode;
import dev.rmkit.updater.releases.KeptReleases;
import dev.rmkit.updater.report.ReportBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What follows a committed update, whether {@code apply} committed it or the {@code resume} after a
 * reboot did: the health check, if any (a failure rolls the update back by the same path as
 * {@code rollback}), then the kept releases cut down to {@code --keep-releases}.
 */
final class AfterUpdate {
    /** At boot nothing is waited for or forced, and a rollback that needs a reboot waits for the next one. */
    static final HolderOptions AFTER_BOOT = new HolderOptions(Duration.ZERO, false, RebootMode.NEVER,
            HolderOptions.AfterSwap.RESTART);

    private AfterUpdate() {}

    static void checkThenPrune(UpdaterContext ctx, InstallLayout layout, ReportBuilder report, Optional<HealthCheck> check,
            int keepReleases, HolderOptions holders) {
        if (check.isPresent()) {
            HealthChecks.Result health = HealthChecks.run(check.get(), layout.installDir());
            if (!health.passed()) {
                new Rollback(ctx, layout, report).afterFailedHealthCheck(holders, health);
                return;
            }
            report.note("health check passed: " + health.summary());
        }
        try {
            KeptReleases.prune(layout, keepReleases);
        } catch (IOException e) {
            report.note("could not remove older kept releases: " + e.getMessage());
        }
    }

    /** The check an update that finished after a reboot carried in its journal, as {@link #checkThenPrune} runs it. */
    static void afterBoot(UpdaterContext ctx, InstallLayout layout, ReportBuilder report, BootHealthCheck recorded) {
        checkThenPrune(ctx, layout, report, Optional.of(new HealthCheck(recorded.argv(),
                Duration.ofMillis(recorded.timeoutMillis()))), recorded.keepReleases(), AFTER_BOOT);
    }
}
