package dev.rmkit.updater.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.holders.HoldersReport;
import dev.rmkit.updater.install.StateJson;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Text another user's process chose (its refusal reason, its registered command) reaches root's
 * terminal only escaped and bounded; the JSON report keeps it exact.
 */
class UntrustedTextTest {

    /** Clears the screen, homes the cursor, then reverses the rest of the line. */
    static final String HOSTILE = "\u001b[2J\u001b[Hall good\u202e\u0007\r\nupdated: 2.0";

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static void assertNoControlCharacters(String text) {
        text.lines().forEach(line -> line.codePoints().forEach(c -> {
            assertFalse(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT,
                    "unescaped U+" + Integer.toHexString(c) + " in: " + line);
        }));
    }

    @Test
    void aHostileReasonIsEscapedInTheTextReportAndExactInTheJson() throws Exception {
        UpdateReport r = new ReportBuilder("apply", Path.of("/opt/app"), clock).versions("1.0.0", "2.0.0")
                .refused(new AppReport("burner", 4242, HOSTILE))
                .fail(new UpdateException.Deferred("deferred: an application refused to close - burner (pid 4242): "
                        + HOSTILE)).build();

        String text = ReportText.render(r);

        assertNoControlCharacters(text);
        assertTrue(text.contains("refused: burner (pid 4242) - \\x1b[2J\\x1b[Hall good\\u202e\\x07\\r\\nupdated: 2.0\n"), text);
        assertEquals(3, text.lines().count(), "no line was added by the reason: " + text);
        assertEquals(HOSTILE, StateJson.mapper().readTree(StateJson.text(r)).get("appsRefused").get(0).get("reason").asText());
    }

    @Test
    void aHugeReasonIsBoundedInTheTextReport() {
        String flood = "x".repeat(1_000_000);
        UpdateReport r = new ReportBuilder("apply", Path.of("/opt/app"), clock)
                .refused(new AppReport("burner", 4242, flood)).build();

        String text = ReportText.render(r);

        assertTrue(text.length() < 2_000, "length " + text.length());
        assertTrue(text.contains("(999700 more characters)"), text);
    }

    @Test
    void aHostileRegisteredCommandIsEscapedByHolders() {
        AffectedApp app = new AffectedApp(new ProcessId(4242, Instant.parse("2026-01-01T00:00:00Z")), "burner", "",
                AppType.MAIN_WINDOW, EnumSet.of(AppStatus.RUNNING), true,
                Optional.of(new RestartCommand(List.of("/usr/bin/app", HOSTILE), Path.of("/home/u/\u001b]0;x\u0007"),
                        Set.of())));

        String text = HoldersReport.text(new AffectedApps(List.of(app), Set.of()));

        assertNoControlCharacters(text);
        assertTrue(text.contains("\\x1b[2J"), text);
        assertTrue(text.contains("working directory: /home/u/\\x1b]0;x\\x07\n"), text);
    }
}
