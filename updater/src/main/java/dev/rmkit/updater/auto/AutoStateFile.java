package dev.rmkit.updater.auto;

import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * {@code .rmkit/auto.json}: the {@link AutoState} between runs, written atomically and durably (a
 * crash or power cut leaves the previous state or the new one), with the policy's time zone so that
 * {@code status} can say the times the way the policy meant them. Absent: auto never ran here. A link
 * in its place is neither read nor written through ({@code UnsafePathException}), and stays.
 */
public final class AutoStateFile {

    /** The file's JSON form; absent values are null. */
    record Json(int v, String version, String firstSeen, int deferrals, RefusalJson lastRefusal, String lastCheck,
            String lastResult, String deadline, String forceAt, String noticeAt, NextJson next, String timeZone) {}

    record RefusalJson(String app, long pid, String reason, String at) {}

    record NextJson(String action, String at, String words) {}

    /** A state and the zone its times are meant in. */
    public record Stored(AutoState state, ZoneId zone) {}

    private AutoStateFile() {}

    public static Optional<Stored> read(InstallLayout layout) throws IOException {
        if (!Files.exists(layout.autoStateFile(), LinkOption.NOFOLLOW_LINKS)) { // a link, even dangling, is refused
            return Optional.empty();
        }
        Json j = StateJson.read(layout.autoStateFile(), Json.class);
        try {
            return Optional.of(new Stored(fromJson(j), ZoneId.of(j.timeZone())));
        } catch (RuntimeException e) {
            throw new IOException("corrupt state file " + layout.autoStateFile() + ": " + e.getMessage(), e);
        }
    }

    public static void write(InstallLayout layout, AutoState s, ZoneId zone) throws IOException {
        layout.files().write(layout.autoStateFile(), StateJson.bytes(toJson(s, zone)));
    }

    /** The JSON object {@code status --json} embeds. */
    public static Object json(AutoState s, ZoneId zone) {
        return toJson(s, zone);
    }

    static Json toJson(AutoState s, ZoneId zone) {
        return new Json(1, s.version(), text(s.firstSeen()), s.deferrals(),
                s.lastRefusal().map(r -> new RefusalJson(r.app(), r.pid(), r.reason(), r.at().toString())).orElse(null),
                text(s.lastCheck()), s.lastResult(), text(s.deadline()), text(s.forceAt()), text(s.noticeAt()),
                s.next().map(n -> new NextJson(n.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        text(n.at()), n.words())).orElse(null), zone.getId());
    }

    static AutoState fromJson(Json j) {
        return new AutoState(j.version() == null ? "" : j.version(), instant(j.firstSeen()), j.deferrals(),
                Optional.ofNullable(j.lastRefusal()).map(r -> new Refusal(r.app(), r.pid(), r.reason(), Instant.parse(r.at()))),
                instant(j.lastCheck()), j.lastResult() == null ? "" : j.lastResult(), instant(j.deadline()),
                instant(j.forceAt()), instant(j.noticeAt()), Optional.ofNullable(j.next()).map(n -> new NextStep(
                        Action.valueOf(n.action().toUpperCase(java.util.Locale.ROOT).replace('-', '_')), instant(n.at()),
                        n.words())));
    }

    private static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    private static Optional<Instant> instant(String s) {
        return s == null ? Optional.empty() : Optional.of(Instant.parse(s));
    }
}
