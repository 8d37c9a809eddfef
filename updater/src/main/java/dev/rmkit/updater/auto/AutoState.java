package dev.rmkit.updater.auto;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code updater auto} remembers between runs, across reboots and crashes ({@code .rmkit/auto.json}):
 * the release it is working on, when that release was first offered here, how often the apps deferred
 * it and who last refused, when it last checked, and what it plans next.
 *
 * @param version the release being worked on; empty when none (up to date)
 * @param firstSeen when {@code version} was first offered to this install (its deadline counts from here)
 * @param deferrals how many runs an app refused it
 * @param lastRefusal the latest refusal
 * @param lastCheck when a run last looked at the feed
 * @param lastResult how the last run ended, in one word ({@link RunResult.Kind}, lower case), empty if none
 * @param deadline the release's deadline, if the policy has one
 * @param forceAt from when the apps are closed even if they refuse: deadline + grace, or a grace after
 *     the first notice if no notice went out before deadline + grace ({@link Decider})
 * @param noticeAt when the apps were first told of the forced close (a run past the deadline that they
 *     refused); empty if never
 * @param next the next planned action
 */
public record AutoState(String version, Optional<Instant> firstSeen, int deferrals, Optional<Refusal> lastRefusal,
        Optional<Instant> lastCheck, String lastResult, Optional<Instant> deadline, Optional<Instant> forceAt,
        Optional<Instant> noticeAt, Optional<NextStep> next) {

    /** A state that has seen nothing yet. */
    public static final AutoState NONE = new AutoState("", Optional.empty(), 0, Optional.empty(), Optional.empty(), "",
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public AutoState {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastRefusal, "lastRefusal");
        Objects.requireNonNull(lastCheck, "lastCheck");
        Objects.requireNonNull(lastResult, "lastResult");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(forceAt, "forceAt");
        Objects.requireNonNull(noticeAt, "noticeAt");
        Objects.requireNonNull(next, "next");
        if (deferrals < 0) {
            throw new IllegalArgumentException("deferrals must not be negative: " + deferrals);
        }
        if (version.isEmpty() != firstSeen.isEmpty()) {
            throw new IllegalArgumentException("a tracked release has a first-seen time, and only then");
        }
    }

    /** When {@code v} was first offered here, if this state tracks it. */
    public Optional<Instant> firstSeenOf(String v) {
        return version.equals(v) ? firstSeen : Optional.empty();
    }

    /** When the apps were first told of {@code v}'s forced close, if this state tracks it and they were. */
    public Optional<Instant> noticeAtOf(String v) {
        return version.equals(v) ? noticeAt : Optional.empty();
    }

    /** This state, with the apps told of the forced close at {@code t}. */
    public AutoState withNoticeAt(Instant t) {
        return new AutoState(version, firstSeen, deferrals, lastRefusal, lastCheck, lastResult, deadline, forceAt,
                Optional.of(t), next);
    }

    /** This state's deferral count for {@code v} (0 for a release it does not track). */
    public int deferralsOf(String v) {
        return version.equals(v) ? deferrals : 0;
    }
}
