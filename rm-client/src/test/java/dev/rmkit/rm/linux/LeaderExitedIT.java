package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.testing.LeaderlessHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A holder whose leader thread exited while another thread holds the file: a session lists it, signals
 * it and reports it closed only once it has ended (not as "gone" because its leader is a zombie).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "signals, /proc; the holder is a python3 process whose main thread exits")
class LeaderExitedIT {

    @TempDir Path tmp;

    @Test
    void aShutdownSignalsAHolderWhoseLeaderExitedAndWaitsForItsEnd() throws Exception {
        try (SessionFixture fx = new SessionFixture(tmp, Duration.ofSeconds(20), Duration.ofSeconds(5));
                LeaderlessHolder p = LeaderlessHolder.start(fx.file("data.bin"), tmp);
                RestartSession s = fx.platform.startSession()) {
            Path f = tmp.resolve("data.bin");
            s.registerFiles(List.of(f));

            ShutdownResult r = s.shutdown(Set.of(), x -> { });

            AppOutcome o = r.apps().stream().filter(a -> a.app().process().pid() == p.pid()).findFirst()
                    .orElseThrow(() -> new AssertionError("pid " + p.pid() + " holds the file but the shutdown did not list it: " + r));
            assertEquals(Optional.empty(), o.reason(), o.toString());
            assertEquals(Set.of(AppStatus.STOPPED), o.app().status(), o.toString());
            assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome(), r.toString());
            // It ended on the SIGTERM it was sent (python3 does not catch it): 128 + 15.
            assertEquals(Optional.of(143), p.awaitExit(Duration.ofSeconds(30)));
        }
    }
}
