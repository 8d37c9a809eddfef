package dev.rmkit.updater.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersFractionAndSizes() {
        assertEquals("[###############               ]  50% 1.0 MiB / 2.0 MiB", ProgressBar.render(1 << 20, 2 << 20));
        assertEquals("[                              ]   0% 0 B / 10.0 KiB", ProgressBar.render(0, 10 * 1024));
        assertEquals("[##############################] 100% 0 B / 0 B", ProgressBar.render(0, 0));
    }

    @Test
    void redrawsOnlyWhenThePercentageMovesAndEndsTheLine() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s));
        for (long d = 0; d <= 100_000; d += 10) {
            bar.progress(d, 100_000);
        }
        String out = s.toString();
        // Count the redraws' carriage returns, not the one in a Windows line separator.
        assertEquals(101, out.replace(System.lineSeparator(), "").chars().filter(c -> c == '\r').count(), out.length() + " chars");
        assertTrue(out.endsWith(System.lineSeparator()), "bar ends its line at 100%");
    }

    @Test
    void isQuietWithoutAConsole() {
        // Surefire runs tests without a console, exactly like a cron job or a fleet agent.
        assertEquals(ProgressSink.NONE, ProgressBar.forTerminal(new PrintWriter(new StringWriter())));
    }
}
