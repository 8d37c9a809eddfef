package dev.rmkit.updater.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.StateJson;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportTextTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aDeferredReportNamesTheRefusingAppAndItsReasonAndListsNoPaths() throws Exception {
        UpdateReport r = new ReportBuilder("apply", Path.of("/opt/app"), clock).versions("1.0.0", "2.0.0")
                .refused(new AppReport("burner", 4242, "Burning session 3 of 'Photos' - 42%"))
                .fail(new UpdateException.Deferred("deferred: an application refused to close")).build();

        String text = ReportText.render(r);

        assertTrue(text.startsWith("deferred: 1.0.0 -> 2.0.0 (exit " + ExitCode.DEFERRED.code() + ")\n"), text);
        assertTrue(text.contains("refused: burner (pid 4242) - Burning session 3 of 'Photos' - 42%"), text);
        assertEquals(ExitCode.DEFERRED.code(), r.exitCode());
        assertEquals(r, StateJson.mapper().readValue(StateJson.text(r), UpdateReport.class), "JSON round trip");
    }

    @Test
    void anAppsNameAndReasonCannotForgeALineOfTheReport() {
        UpdateReport r = new ReportBuilder("apply", Path.of("/opt/app"), clock).versions("1.0.0", "2.0.0")
                .refused(new AppReport("evil\nrefused: burner", 7, "busy\nupdated: 1.0.0 -> 6.6.6 (exit 0)\u202e"))
                .fail(new UpdateException.Deferred("deferred")).build();

        String text = ReportText.render(r);

        assertEquals(3, text.lines().count(), text);
        assertTrue(text.contains("refused: evil\\nrefused: burner (pid 7) - busy\\nupdated: 1.0.0 -> 6.6.6 (exit 0)\\u202e"), text);
    }

    @Test
    void theExtraFactsOfARunSurviveTheJsonRoundTrip() throws Exception {
        ReportBuilder b = new ReportBuilder("auto", Path.of("/opt/app"), clock).versions("1.0.0", "2.0.0")
                .phase("verify").phase("stage").forced(new AppReport("burner", 1, ""))
                .warned(new AppReport("burner", 1, "")).installId("0123456789abcdef0123456789abcdef")
                .rolloutBucket(12.34).auto(new AutoReport("ask", "why", "2026-01-01T00:00:00Z", "", "", 2, "next"));
        UpdateReport r = b.build();

        assertEquals(java.util.List.of("verify", "stage"), java.util.List.copyOf(r.phases().keySet()));
        assertEquals(r, StateJson.mapper().readValue(StateJson.text(r), UpdateReport.class));
        String text = ReportText.render(r);
        assertTrue(text.contains("forced: burner (pid 1)") && text.contains("warned: burner (pid 1)")
                && text.contains("policy: why") && text.contains("next: next"), text);
    }

    @Test
    void aReportWrittenBeforeTheHistoryFieldsStillReads() throws Exception {
        String old = "{\"command\":\"apply\",\"outcome\":\"UPDATED\",\"exitCode\":0,\"message\":\"updated to 2.0.0\","
                + "\"installDir\":\"/opt/app\",\"fromVersion\":\"1.0.0\",\"toVersion\":\"2.0.0\",\"added\":[],"
                + "\"replaced\":[\"a.jar\"],\"removed\":[],\"appsClosed\":[],\"appsRestarted\":[],\"appsRefused\":[],"
                + "\"reboot\":\"none\",\"downtimeMillis\":0,\"notes\":[],\"startedAt\":\"2026-01-01T00:00:00Z\","
                + "\"finishedAt\":\"2026-01-01T00:00:01Z\"}";
        UpdateReport r = StateJson.mapper().readValue(old, UpdateReport.class);
        assertEquals(Transfer.NONE, r.download());
        assertTrue(r.phases().isEmpty() && r.appsForced().isEmpty() && r.installId().isEmpty());
        assertEquals(null, r.auto());
    }

    @Test
    void eachFailureKindMapsToItsExitCode() {
        assertEquals(Outcome.REJECTED, Outcome.of(new UpdateException.Rejected("x").exitCode()));
        assertEquals(Outcome.UNAVAILABLE, Outcome.of(new UpdateException.Unavailable("x", null).exitCode()));
        assertEquals(Outcome.ROLLED_BACK, Outcome.of(new UpdateException.ApplyFailed("x", null).exitCode()));
        assertEquals(Outcome.PERMISSION_DENIED, Outcome.of(new UpdateException.PermissionDenied("x", null).exitCode()));
        assertEquals(Outcome.BAD_USAGE, Outcome.of(new UpdateException.Usage("x").exitCode()));
        for (Outcome o : Outcome.values()) {
            assertEquals(o.exitCode().code(), new ReportBuilder("apply", Path.of("/a"), clock).outcome(o, "").build()
                    .exitCode());
        }
    }
}
