package dev.rmkit.updater.report;

import java.util.Objects;

/**
 * What the policy decided in an {@code updater auto} run, as its report and history line carry it.
 * Times are ISO-8601 instants, empty where there is none.
 *
 * @param action what the run did: nothing, stage, ask, force, reboot, await-reboot
 * @param why the decision in words
 * @param firstSeen when the release was first offered to this install
 * @param deadline until when refusals were honoured without warning
 * @param forceAt from when the apps are closed even if they refuse
 * @param deferrals how many runs an app has refused this release, this one included
 * @param next the next planned action, in words
 */
public record AutoReport(String action, String why, String firstSeen, String deadline, String forceAt, int deferrals,
        String next) {
    public AutoReport {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(forceAt, "forceAt");
        Objects.requireNonNull(next, "next");
    }
}
