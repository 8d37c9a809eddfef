package dev.rmkit.updater.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An install's unattended-update policy (docs/unattended.md): where releases come from, how often to
 * look, when apps may be asked to close, by when they must yield, and when the machine may reboot.
 * Every field but {@code feed} has a default ({@link #DEFAULT_EVERY}...), so a policy file can be
 * three lines. Immutable; read with {@link PolicyLoader}.
 *
 * @param feed where releases come from (http/https URL or absolute path): a manifest, or a feed's
 *     release index ({@link #feedKind})
 * @param channel the channel to follow; empty: the installed one
 * @param checkEvery how often the scheduler starts {@code updater auto}
 * @param checkSpread the random delay the scheduler adds to each start
 * @param windows maintenance windows; empty means any time
 * @param zone the time zone of the windows
 * @param deadline how long after a release is first offered the apps may refuse; empty: never forced
 * @param grace time between the deadline and the forced close
 * @param reboot when a reboot may happen
 * @param onAcPower apps are asked, closed and the machine rebooted only on mains power
 */
public record Policy(String feed, Optional<String> channel, Duration checkEvery, Duration checkSpread,
        List<MaintenanceWindow> windows, ZoneId zone, Optional<Duration> deadline, Duration grace, RebootRule reboot,
        boolean onAcPower) {

    public static final Duration DEFAULT_EVERY = Duration.ofHours(6);
    public static final Duration DEFAULT_SPREAD = Duration.ofHours(1);
    public static final Duration DEFAULT_DEADLINE = Duration.ofDays(7);
    public static final Duration DEFAULT_GRACE = Duration.ofDays(1);
    /** Below this the scheduler would hammer the feed. */
    public static final Duration MIN_EVERY = Duration.ofMinutes(1);

    public Policy {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(checkEvery, "checkEvery");
        Objects.requireNonNull(checkSpread, "checkSpread");
        windows = List.copyOf(windows);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(reboot, "reboot");
        if (checkEvery.compareTo(MIN_EVERY) < 0) {
            throw new IllegalArgumentException("checkEvery must be at least " + MIN_EVERY);
        }
        if (checkSpread.isNegative() || grace.isNegative() || deadline.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** The policy a file with only {@code feed} stands for. */
    public static Policy defaults(String feed, ZoneId zone) {
        return new Policy(feed, Optional.empty(), DEFAULT_EVERY, DEFAULT_SPREAD, List.of(), zone,
                Optional.of(DEFAULT_DEADLINE), DEFAULT_GRACE, RebootRule.NEVER, false);
    }

    /** Whether {@link #feed} names one manifest or a feed's release index. */
    public FeedKind feedKind() {
        return FeedKind.of(feed);
    }

    /** Whether {@code t} is inside a maintenance window (always, when there are none). */
    public boolean inWindow(Instant t) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(t, zone));
    }

    /** The next moment at or after {@code t} that is inside a window: {@code t} itself if it is. */
    public Instant nextInWindow(Instant t) {
        if (inWindow(t)) {
            return t;
        }
        return windows.stream().map(w -> w.nextOpening(t, zone)).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** The deadline of a release first offered at {@code firstSeen}. */
    public Optional<Instant> deadlineOf(Instant firstSeen) {
        return deadline.map(firstSeen::plus);
    }

    /** When its apps are closed even if they refuse: deadline + grace. */
    public Optional<Instant> forceAtOf(Instant firstSeen) {
        return deadline.map(d -> firstSeen.plus(d).plus(grace));
    }

    public Policy withWindows(List<MaintenanceWindow> w) {
        return new Policy(feed, channel, checkEvery, checkSpread, w, zone, deadline, grace, reboot, onAcPower);
    }

    public Policy withDeadline(Optional<Duration> d, Duration g) {
        return new Policy(feed, channel, checkEvery, checkSpread, windows, zone, d, g, reboot, onAcPower);
    }

    public Policy withReboot(RebootRule r) {
        return new Policy(feed, channel, checkEvery, checkSpread, windows, zone, deadline, grace, r, onAcPower);
    }

    public Policy withOnAcPower(boolean ac) {
        return new Policy(feed, channel, checkEvery, checkSpread, windows, zone, deadline, grace, reboot, ac);
    }
}
