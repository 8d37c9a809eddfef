package dev.rmkit.updater.report;

import java.util.Objects;

/**
 * One application in a report.
 *
 * @param name its friendly name
 * @param pid its pid (the new pid for a restarted app, 0 if unknown)
 * @param reason why it refused or failed to restart; empty otherwise
 */
public record AppReport(String name, long pid, String reason) {
    public AppReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }
}
