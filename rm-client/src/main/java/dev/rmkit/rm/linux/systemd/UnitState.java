package dev.rmkit.rm.linux.systemd;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code systemctl show -p ActiveState -p SubState -p Result -p MainPID} says about a unit.
 *
 * @param activeState active, activating, reloading, inactive, failed or deactivating
 * @param subState the type-specific state (running, exited, dead...)
 * @param result success, or why it failed (exit-code, signal, timeout...)
 * @param mainPid the main process, 0 if none
 */
public record UnitState(String activeState, String subState, String result, long mainPid) {

    private static final Set<String> UP = Set.of("active", "activating", "reloading");

    /** Parses {@code KEY=VALUE} lines; missing keys read as empty, a missing pid as 0. */
    public static UnitState parse(String show) {
        Map<String, String> v = new HashMap<>();
        for (String line : show.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                v.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        long pid;
        try {
            pid = Long.parseLong(v.getOrDefault("MainPID", "0"));
        } catch (NumberFormatException e) {
            pid = 0;
        }
        return new UnitState(v.getOrDefault("ActiveState", ""), v.getOrDefault("SubState", ""), v.getOrDefault("Result", ""),
                pid);
    }

    /** True while the unit is up (or on its way up). */
    public boolean up() {
        return UP.contains(activeState);
    }

    @Override
    public String toString() {
        return activeState + "/" + subState + (result.isEmpty() || result.equals("success") ? "" : " (" + result + ")");
    }
}
