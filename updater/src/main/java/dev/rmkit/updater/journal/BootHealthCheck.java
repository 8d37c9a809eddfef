package dev.rmkit.updater.journal;

import java.util.List;

/**
 * The {@code --health-check} of an update that may finish after a reboot, kept in its journal so that the
 * {@code resume} after the boot runs it as {@code apply} would have: a failure rolls the update back.
 *
 * @param argv the command, split into words, run without a shell
 * @param timeoutMillis how long it may take
 * @param keepReleases {@code --keep-releases}: what to keep once the check has passed
 */
public record BootHealthCheck(List<String> argv, long timeoutMillis, int keepReleases) {
    public BootHealthCheck {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || timeoutMillis <= 0 || keepReleases < 0) {
            throw new IllegalArgumentException("a health check needs a command, a positive timeout and a keep count");
        }
    }
}
