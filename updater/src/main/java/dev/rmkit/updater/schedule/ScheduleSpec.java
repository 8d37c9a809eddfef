package dev.rmkit.updater.schedule;

import dev.rmkit.updater.policy.MaintenanceWindow;
import dev.rmkit.updater.policy.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the OS scheduler is asked to do for one install: start {@code argv} ({@code updater auto
 * --install-dir D}) every {@code every}, and at each maintenance window's opening, each start delayed
 * by a random part of {@code spread} ({@link dev.rmkit.updater.auto.Triggers} is the same model).
 *
 * @param name the registration's name ({@code rmkit-auto-KEY}, KEY from the install's path)
 * @param installDir the install
 * @param argv the command the scheduler runs
 * @param environment variables the command runs with ({@code RMKIT_*} ones the registering shell had)
 * @param every the interval
 * @param spread the random delay
 * @param windows the maintenance windows, in {@code zone}
 * @param zone the windows' time zone
 */
public record ScheduleSpec(String name, Path installDir, List<String> argv, Map<String, String> environment,
        Duration every, Duration spread, List<MaintenanceWindow> windows, ZoneId zone) {
    public ScheduleSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(installDir, "installDir");
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(spread, "spread");
        windows = List.copyOf(windows);
        Objects.requireNonNull(zone, "zone");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a schedule runs a command");
        }
    }

    /** The registration for {@code installDir} under {@code policy}. */
    public static ScheduleSpec of(String name, Path installDir, List<String> argv, Map<String, String> environment,
            Policy policy) {
        return new ScheduleSpec(name, installDir, argv, environment, policy.checkEvery(), policy.checkSpread(),
                policy.windows(), policy.zone());
    }

    /** "every 6h with up to 1h random delay, and at the openings of Sat 02:00-05:00 (Europe/Berlin)". */
    public String describe() {
        String s = "every " + dev.rmkit.updater.Durations.format(every)
                + (spread.isZero() ? "" : " with up to " + dev.rmkit.updater.Durations.format(spread) + " random delay");
        if (!windows.isEmpty()) {
            s += ", and at the openings of " + String.join(", ", windows.stream().map(MaintenanceWindow::describe).toList())
                    + " (" + zone.getId() + ")";
        }
        return s;
    }
}
