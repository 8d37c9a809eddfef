package dev.rmkit.updater.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the scheduler of this host: Windows' Task Scheduler; elsewhere systemd, the system manager
 * for root ({@code RMKIT_SYSTEMD_UNIT_DIR}, default {@code /etc/systemd/system}) and the user's
 * manager for anyone else ({@code $XDG_CONFIG_HOME/systemd/user}). {@code RMKIT_SYSTEMCTL} replaces the
 * {@code systemctl} program (tests, unusual hosts).
 */
public final class Schedulers {

    public static final String SYSTEMCTL_ENV = "RMKIT_SYSTEMCTL";
    public static final String UNIT_DIR_ENV = "RMKIT_SYSTEMD_UNIT_DIR";

    private Schedulers() {}

    public static Scheduler forThisHost(Map<String, String> env, Clock clock) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            String schtasks = env.getOrDefault("SystemRoot", "C:\\Windows") + "\\System32\\schtasks.exe";
            String groups = ExternalCommand.run(List.of("whoami", "/groups")).output();
            return new WindowsScheduler(schtasks, WindowsScheduler.elevatedFrom(groups), clock);
        }
        return systemd(env, isRoot());
    }

    /** The systemd scheduler for root ({@code system}) or for the calling user. */
    public static Scheduler systemd(Map<String, String> env, boolean system) {
        List<String> systemctl = new ArrayList<>(List.of(env.getOrDefault(SYSTEMCTL_ENV, "systemctl")));
        Path dir;
        if (system) {
            dir = Path.of(env.getOrDefault(UNIT_DIR_ENV, "/etc/systemd/system"));
        } else {
            String config = env.get("XDG_CONFIG_HOME");
            Path base = config != null && Path.of(config).isAbsolute() ? Path.of(config)
                    : Path.of(System.getProperty("user.home"), ".config");
            dir = base.resolve("systemd").resolve("user");
            systemctl.add("--user");
        }
        // sd_booted(3): systemd is the running init exactly when this directory exists.
        boolean runs = env.containsKey(SYSTEMCTL_ENV) || Files.isDirectory(Path.of("/run/systemd/system"));
        return new SystemdScheduler(dir, system, systemctl, runs);
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
