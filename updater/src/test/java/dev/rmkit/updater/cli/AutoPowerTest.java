package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.LinuxPlatform;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.FakeWindowsSystem;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.TestClock;
import dev.rmkit.updater.testing.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy's {@code onAcPower} condition as {@code auto} reads it from the system side (here Windows's
 * GetSystemPowerStatus, through the fake system side): on battery the release is staged and no app is
 * asked; on mains it goes in; a machine that cannot tell is taken as on mains.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "only the system side is the Windows fake; the session side is the Linux backend")
class AutoPowerTest {

    @TempDir Path tmp;
    final FakeWindowsSystem windows = FakeWindowsSystem.perMachine();
    final TestClock clock = new TestClock(Instant.now());
    Feeds feeds;
    UpdaterContext ctx;
    Path install;
    Path policy;

    @BeforeEach
    void installV1AndPublishV2() throws Exception {
        feeds = Feeds.create(tmp.resolve("publisher"));
        install = tmp.resolve("app");
        LinuxConfig config = LinuxConfig.withRuntimeDir(tmp.resolve("runtime"));
        ctx = new UpdaterContext(() -> new LinuxPlatform(config), () -> windows, new Fetcher(FetchOptions.defaults()),
                clock, windows::bootId, UpdaterContext::javaResumeCommand, Duration.ofMillis(100), ProgressSink.NONE);
        Cli.Run v1 = run("apply", "--manifest", feeds.publish("1.0.0", ApplyCommandTest.V1).toString(), "--install-dir",
                install.toString(), "--trust", feeds.publicKey().toString());
        assertEquals(0, v1.code(), v1.out() + v1.err());
        // No windows: without the condition, any run may ask the apps and update.
        policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"" + feeds.publish("2.0.0", ApplyCommandTest.V2)
                + "\", \"conditions\": {\"onAcPower\": true}}");
    }

    private Cli.Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(ctx, new PrintWriter(out), new PrintWriter(err), args);
        return new Cli.Run(code, out.toString(), err.toString());
    }

    private Cli.Run auto() {
        return run("auto", "--install-dir", install.toString(), "--policy", policy.toString(), "--json");
    }

    @Test
    void onBatteryTheReleaseIsStagedOnlyAndOnMainsItGoesIn() throws Exception {
        var v1 = Trees.snapshot(install);
        windows.acLine(Optional.of(false));

        Cli.Run battery = auto();

        assertEquals(ExitCode.DEFERRED.code(), battery.code(), battery.out() + battery.err());
        JsonNode j = battery.json();
        assertEquals("STAGED", j.get("outcome").asText(), battery.out());
        assertEquals("stage", j.get("auto").get("action").asText());
        assertTrue(j.get("auto").get("why").asText().contains("mains power"), battery.out());
        assertEquals(v1, Trees.snapshot(install), "nothing the user has changed");
        assertTrue(Files.isDirectory(install.resolve(".rmkit/staging/2.0.0")), "but the release is staged");

        windows.acLine(Optional.of(true));
        clock.advance(Duration.ofHours(6));
        Cli.Run mains = auto();

        assertEquals(0, mains.code(), mains.out() + mains.err());
        assertEquals("UPDATED", mains.json().get("outcome").asText(), mains.out());
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
    }

    @Test
    void aMachineThatCannotTellIsTakenAsOnMains() throws Exception {
        windows.acLine(Optional.empty());

        Cli.Run r = auto();

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("UPDATED", r.json().get("outcome").asText(), r.out());
    }
}
