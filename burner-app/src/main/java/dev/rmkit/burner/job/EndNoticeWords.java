package dev.rmkit.burner.job;

import dev.rmkit.rm.EndNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the burner tells its user when an installer announces a forced close ({@link
 * dev.rmkit.rm.EndSessionListener#endScheduled}): when and why, and what it means for the work at hand:
 * nothing to lose while idle; for a running burn, whether it should finish before then, and if not,
 * that it will be stopped before its commit and burned again after the restart, earlier sessions
 * intact. Pure: the caller gives the time and the burn's progress.
 */
public final class EndNoticeWords {

    private EndNoticeWords() {}

    /**
     * {@code end notice: this burner will be closed at 2026-12-09T01:00:00Z (update of rmkit-burner to
     * 2.0.0); the burn of session 2 'Photos' (40%, about 12 s left) will not finish before then: ...}
     */
    public static String of(EndNotice notice, Optional<BurnProgress> burn, int queued, Instant now) {
        String reason = notice.reason().isBlank() ? "" : " (" + printable(notice.reason()) + ")";
        return "end notice: this burner will be closed at " + notice.at() + reason + "; " + work(notice.at(), burn, queued, now);
    }

    private static String work(Instant at, Optional<BurnProgress> burn, int queued, Instant now) {
        if (burn.isEmpty()) {
            return "idle, nothing to lose" + (queued == 0 ? "" : "; " + queued + (queued == 1 ? " queued job stays" : " queued jobs stay")
                    + " in the saved state");
        }
        BurnProgress b = burn.get();
        String what = "the burn of session " + b.session() + " '" + printable(b.label()) + "' (" + b.percent() + "%";
        Optional<Duration> left = b.remaining();
        if (left.isEmpty()) {
            return what + ") has only just started: it cannot tell yet whether it finishes before then";
        }
        what += ", about " + seconds(left.get()) + " left)";
        if (now.plus(left.get()).isBefore(at)) {
            return what + " should finish before then";
        }
        return what + " will not finish before then: it will be stopped before its commit and burned again after"
                + " the restart; earlier sessions stay intact";
    }

    private static String seconds(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return s < 120 ? s + " s" : (s + 59) / 60 + " min";
    }

    /** The reason comes from another process: one line, no control characters. */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return sb.toString();
    }
}
