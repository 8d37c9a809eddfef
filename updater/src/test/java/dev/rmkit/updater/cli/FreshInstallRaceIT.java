package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh installs racing for the same directory, as real processes held at named steps: the one that
 * loses the lock touches nothing, and a failed fresh install that removes its traces (lock file
 * included) never lets two updaters hold the install at once.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class FreshInstallRaceIT {

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;
    Path v1;

    @BeforeEach
    void setUp() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        v1 = feeds.publish("1.0.0", ApplyCommandTest.V1);
    }

    private Map<String, String> env() {
        return Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString());
    }

    /** A fresh install of {@code manifest} as a child JVM, held at each of {@code steps} in turn. */
    private UpdaterProcess held(Path manifest, Path pause, String steps) throws Exception {
        return held(manifest, feeds.publicKey(), pause, steps);
    }

    private UpdaterProcess held(Path manifest, Path key, Path pause, String steps) throws Exception {
        UpdaterProcess p = UpdaterProcess.start(Map.of(TestHooks.PAUSE_AT, steps, TestHooks.PAUSE_FILE, pause.toString()),
                env(), "apply", "--manifest", manifest.toString(), "--install-dir", install.toString(), "--trust",
                key.toString(), "--json");
        JavaProcess.awaitFile(pause, Duration.ofSeconds(60));
        return p;
    }

    private void release(Path pause) throws Exception {
        Files.delete(pause);
    }

    @Test
    void theFreshInstallThatLosesTheLockDeletesNothingTheWinnerInstalled() throws Exception {
        Path loserPause = tmp.resolve("loser");
        UpdaterProcess loser = held(v1, loserPause, "locking"); // saw no install directory, about to lock
        Path winnerPause = tmp.resolve("winner");
        UpdaterProcess winner = held(v1, winnerPause, "installed-written"); // committed, holding the lock

        release(loserPause);
        UpdaterProcess.Result lost = loser.await();
        release(winnerPause);
        UpdaterProcess.Result won = winner.await();

        assertEquals(ExitCode.DEFERRED.code(), lost.code(), lost.out() + lost.err());
        assertEquals(0, won.code(), won.out() + won.err());
        assertEquals(feeds.tree("v1", ApplyCommandTest.V1), Trees.snapshot(install));
        assertEquals("1.0.0", cli.run("status", "--install-dir", install.toString(), "--json").json()
                .get("version").asText());
    }

    @Test
    void anUpdaterLockingTheLockFileAFailedFreshInstallRemovedTakesTheLockAgain() throws Exception {
        Path strangerKey = Feeds.create(tmp.resolve("stranger")).publicKey();
        Path failingPause = tmp.resolve("failing");
        // Rejected (not the key that signed v1) once it holds the lock; then it removes its traces.
        UpdaterProcess failing = held(v1, strangerKey, failingPause, "locked");
        Path secondPause = tmp.resolve("second");
        UpdaterProcess second = held(v1, secondPause, "lock-opened,staged"); // opened the lock file, not locked

        release(failingPause);
        assertEquals(ExitCode.REJECTED.code(), failing.await().code());
        release(secondPause);
        JavaProcess.awaitFile(secondPause, Duration.ofSeconds(60)); // now it believes it holds the install
        Cli.Run third = cli.run("apply", "--manifest", v1.toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString(), "--json");
        release(secondPause);
        UpdaterProcess.Result done = second.await();

        assertEquals(ExitCode.DEFERRED.code(), third.code(), "two updaters held the install at once: " + third.out());
        assertTrue(third.out().contains("another update is running (pid " + second.pid() + ")"), third.out());
        assertEquals(0, done.code(), done.out() + done.err());
        assertEquals(feeds.tree("v1", ApplyCommandTest.V1), Trees.snapshot(install));
    }
}
