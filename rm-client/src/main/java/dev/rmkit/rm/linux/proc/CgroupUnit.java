package dev.rmkit.rm.linux.proc;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the systemd unit of a process from {@code /proc/PID/cgroup}, the way needrestart does: the
 * cgroup v2 line ({@code 0::PATH}) or, on v1 hosts, the {@code name=systemd} line gives the path;
 * its last {@code .service} component is the unit. A user service
 * ({@code .../user@1000.service/app.slice/x.service}) gives {@code x.service} of the manager of uid
 * 1000; the per-user manager itself ({@code user@1000.service/init.scope}) gives the system unit
 * {@code user@1000.service}. A process in any other scope is in a unit of its own, not a service: a
 * login session ({@code session-3.scope}), an app started with {@code systemd-run --scope} (as rm-client
 * restarts a user's app) or by a desktop ({@code user@1000.service/app.slice/app-...scope}). Slices and
 * {@code /init.scope} are not services. Without systemd
 * (paths like {@code /}) there is no unit.
 */
public final class CgroupUnit {

    private static final Pattern USER_MANAGER = Pattern.compile("user@(\\d{1,10})\\.service");

    private CgroupUnit() {}

    /**
     * A service unit and the manager that runs it.
     *
     * @param name the unit's name, {@code NAME.service}
     * @param userManager the uid whose user manager ({@code systemd --user}) runs it; empty for the
     *     system manager
     */
    public record Unit(String name, Optional<Integer> userManager) {
        public Unit {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(userManager, "userManager");
        }

        @Override
        public String toString() {
            return userManager.map(uid -> name + " (user " + uid + ")").orElse(name);
        }
    }

    /** The service unit the process runs in, or empty. */
    public static Optional<String> serviceUnit(String cgroupFile) {
        return unit(cgroupFile).map(Unit::name);
    }

    /** The service unit the process runs in, with its manager, or empty. */
    public static Optional<Unit> unit(String cgroupFile) {
        String v2 = null;
        String v1 = null;
        for (String line : cgroupFile.split("\n")) {
            if (line.startsWith("0::")) {
                v2 = line.substring(3);
            } else {
                int first = line.indexOf(':');
                int second = first < 0 ? -1 : line.indexOf(':', first + 1);
                if (second > 0 && line.substring(first + 1, second).equals("name=systemd")) {
                    v1 = line.substring(second + 1);
                }
            }
        }
        // A hybrid host has both; the v1 name=systemd hierarchy is the one systemd manages there.
        String path = v1 != null && !v1.equals("/") ? v1 : v2;
        if (path == null) {
            return Optional.empty();
        }
        String[] parts = path.trim().split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (parts[i].endsWith(".service")) {
                return Optional.of(new Unit(parts[i], managerAbove(parts, i)));
            }
            if (parts[i].endsWith(".scope")) {
                // A scope is a unit of its own (an app a manager or a desktop started), not part of the service
                // above it; only a delegated manager's own init.scope is that manager's service.
                boolean managersOwn = parts[i].equals("init.scope") && i > 0 && parts[i - 1].endsWith(".service");
                return managersOwn ? Optional.of(new Unit(parts[i - 1], managerAbove(parts, i - 1))) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The uid of a {@code user@UID.service} component above index {@code i}, if any. */
    private static Optional<Integer> managerAbove(String[] parts, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Matcher m = USER_MANAGER.matcher(parts[j]);
            if (m.matches()) {
                try {
                    return Optional.of(Integer.parseInt(m.group(1)));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
