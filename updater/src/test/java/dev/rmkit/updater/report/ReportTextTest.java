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
