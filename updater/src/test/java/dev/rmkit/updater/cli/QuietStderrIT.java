package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The real updater, as a user runs it: a normal run prints only who it waits for on stderr; --verbose adds diagnostics. */
class QuietStderrIT {

    @TempDir Path tmp;

    private Map<String, String> env() {
        return Map.of("RMKIT_RUNTIME_DIR", tmp.resolve("runtime").toString(), "XDG_CONFIG_HOME", tmp.resolve("xdg").toString(),
                "XDG_STATE_HOME", tmp.resolve("state").toString());
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "closes a real app through the backend; on Windows that is RmShutdown, not run yet (docs/windows.md)")
    @Test
    void holdersAndApplyPrintNothingOnStderr() throws Exception {
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Path install = tmp.resolve("app");
        UpdaterProcess.Result fresh = UpdaterProcess.run(Map.of(), env(), "apply", "--manifest",
                feeds.publish("1.0.0", ApplyCommandTest.V1).toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString());
        assertEquals(0, fresh.code(), fresh.out() + fresh.err());
        assertEquals("", fresh.err());
        try (JavaProcess app = JavaProcess.start(CooperatingTestApp.class,
                List.of("--hold", install.resolve("lib/core.jar").toString()), tmp,
                Map.of("RMKIT_RUNTIME_DIR", tmp.resolve("runtime").toString())).awaitReady()) {

            UpdaterProcess.Result holders = UpdaterProcess.run(Map.of(), env(), "holders",
                    install.resolve("lib/core.jar").toString());
            assertEquals(0, holders.code(), holders.out() + holders.err());
            assertTrue(holders.out().contains(Long.toString(app.pid())), holders.out());
            assertEquals("", holders.err());

            UpdaterProcess.Result update = UpdaterProcess.run(Map.of(), env(), "apply", "--manifest",
                    feeds.publish("2.0.0", ApplyCommandTest.V2).toString(), "--install-dir", install.toString(),
                    "--no-restart");
            assertEquals(0, update.code(), update.out() + update.err());
            assertEquals("closing test-app (pid " + app.pid() + ") (each has up to 30s to exit)\n", update.err(),
                    "only the line that says who it waits for");
        }
    }

    @Test
    void verboseIsAcceptedAtEveryLevel() throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        assertEquals(0, UpdaterProcess.run(Map.of(), env(), "--verbose", "holders", f.toString()).code());
        UpdaterProcess.Result r = UpdaterProcess.run(Map.of(), env(), "holders", "--verbose", f.toString());
        assertEquals(0, r.code(), r.err());
    }
}
