package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitLineTest {

    private static AppOutcome refusal(String reason) {
        AffectedApp burner = new AffectedApp(new ProcessId(4242, Instant.EPOCH), "burner", "", AppType.MAIN_WINDOW,
                EnumSet.of(AppStatus.RUNNING, AppStatus.ERROR_ON_STOP), true, Optional.empty());
        return AppOutcome.failed(burner, reason);
    }

    @Test
    void offATerminalEachChangeIsOneLineAndTheCountdownAloneIsNoChange() {
        StringWriter out = new StringWriter();
        WaitLine line = new WaitLine(new PrintWriter(out), false);

        line.waiting(List.of(refusal("Burning session 1 of 'Photos' \u2014 42%")), Duration.ofMinutes(3));
        line.waiting(List.of(refusal("Burning session 1 of 'Photos' \u2014 42%")), Duration.ofSeconds(170));
        line.waiting(List.of(refusal("Burning session 1 of 'Photos' \u2014 43%")), Duration.ofSeconds(59));
        line.done();

        assertEquals("waiting for burner (pid 4242): Burning session 1 of 'Photos' \u2014 42%, 3m left of --wait\n"
                + "waiting for burner (pid 4242): Burning session 1 of 'Photos' \u2014 43%, 59s left of --wait\n",
                out.toString());
    }

    @Test
    void onATerminalOneLineIsRedrawnAndClearedWhenTheWaitEnds() {
        StringWriter out = new StringWriter();
        WaitLine line = new WaitLine(new PrintWriter(out), true);

        line.waiting(List.of(refusal("busy \u001b[2J")), Duration.ofSeconds(90));
        line.done();

        assertEquals("\r\u001b[Kwaiting for burner (pid 4242): busy \\x1b[2J, 2m left of --wait\r\u001b[K", out.toString());
    }
}
