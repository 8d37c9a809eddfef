package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.HeldInstall;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The holders of an install's files, as real cooperating processes: veto, --wait, --force, restart. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real apps closed and restarted by the Linux backend")
class ApplyHoldersIT {

    static final String BURNING = "Burning session 3 of 'Photos' - 42%";

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;
    Path v2;
    Path workDir;
    HeldInstall held;

    @BeforeEach
    void installV1() throws Exception {
        held = HeldInstall.of(tmp, ApplyCommandTest.V1);
        feeds = held.feeds();
        cli = held.cli();
        install = held.install();
        workDir = held.workDir();
        v2 = feeds.publish("2.0.0", ApplyCommandTest.V2);
    }

    @AfterEach
    void stopApps() {
        if (held != null) {
            held.close();
        }
    }

    private JavaProcess startApp(String... args) throws Exception {
        return held.startApp("lib/core.jar", List.of(args));
    }

    private Cli.Run apply(String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", "--manifest", v2.toString(), "--install-dir",
                install.toString(), "--json"));
        args.addAll(List.of(extra));
        Cli.Run r = cli.run(args.toArray(String[]::new));
        if (r.out().startsWith("{")) {
            r.json().get("appsRestarted").forEach(a -> held.restarted(a.get("pid").asLong()));
        }
        return r;
    }

    @Test
    void aRefusingAppDefersTheUpdateKeepsRunningAndIsNamedWithItsReason() throws Exception {
        JavaProcess app = startApp("--veto", BURNING);
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run r = apply();

        assertEquals(ExitCode.DEFERRED.code(), r.code(), r.out() + r.err());
        JsonNode refused = r.json().get("appsRefused");
        assertEquals(1, refused.size(), r.out());
        assertEquals(app.pid(), refused.get(0).get("pid").asLong());
        assertEquals(BURNING, refused.get(0).get("reason").asText());
        assertTrue(r.json().get("message").asText().contains(BURNING), r.out());
        assertEquals(0, r.json().get("appsClosed").size());
        assertTrue(app.isAlive());
        assertEquals(before, Trees.snapshot(install));
        assertTrue(Files.isDirectory(install.resolve(".rmkit/staging/2.0.0")), "staging is kept for next time");
    }

    @Test
    void waitSucceedsOnceTheRefusalEnds() throws Exception {
        Path vetoFile = Files.writeString(tmp.resolve("busy"), BURNING);
        JavaProcess app = startApp("--veto-file", vetoFile.toString());

        CompletableFuture<Cli.Run> run = CompletableFuture.supplyAsync(() -> apply("--wait", "2m"));
        app.awaitLine(l -> l.startsWith("QUERY"), Duration.ofSeconds(30));
        Files.delete(vetoFile);
        Cli.Run r = run.get();

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(1, r.json().get("appsClosed").size(), r.out());
        assertEquals(app.pid(), r.json().get("appsClosed").get(0).get("pid").asLong());
        assertEquals("2.0.0", cli.run("status", "--install-dir", install.toString(), "--json").json()
                .get("version").asText());
    }

    @Test
    void aWaitSaysWhoItWaitsForAndWhyWithTheTimeLeft() throws Exception {
        Path vetoFile = Files.writeString(tmp.resolve("busy"), BURNING);
        JavaProcess app = startApp("--veto-file", vetoFile.toString());

        CompletableFuture<Cli.Run> run = CompletableFuture.supplyAsync(() -> apply("--wait", "2m"));
        // The file goes only after the second query: the first one was certainly refused.
        JavaProcess.await(() -> app.lines().stream().filter(l -> l.startsWith("QUERY")).count() >= 2,
                Duration.ofSeconds(60), "a second query");
        Files.delete(vetoFile);
        Cli.Run r = run.get();

        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.err().lines().toList();
        String waiting = "waiting for test-app (pid " + app.pid() + "): " + BURNING + ", ";
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(waiting) && l.endsWith(" left of --wait")), r.err());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("waiting for")).count(), "one line per change: " + r.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("closing test-app (pid " + app.pid() + ")")), r.err());
    }

    @Test
    void theCloseTimeoutIsAnOption() throws Exception {
        JavaProcess stubborn = JavaProcess.start(dev.rmkit.rm.testing.HolderApp.class,
                List.of("--open", install.resolve("lib/core.jar").toString(), "--ignore-term"), workDir, Map.of()).awaitReady();
        held.track(stubborn);

        Cli.Run r = apply("--close-timeout", "2s");

        assertEquals(ExitCode.DEFERRED.code(), r.code(), r.out() + r.err());
        assertEquals("still running 2 s after SIGTERM", r.json().get("appsRefused").get(0).get("reason").asText(), r.out());
        assertTrue(r.err().contains("(each has up to 2s to exit)"), r.err());
        assertEquals(ExitCode.USAGE.code(), cli.run("apply", "--manifest", v2.toString(), "--install-dir",
                install.toString(), "--close-timeout", "0").code(), "a zero close timeout is bad usage");
    }

    @Test
    void forceClosesARefusingApp() throws Exception {
        JavaProcess app = startApp("--veto", BURNING);

        Cli.Run r = apply("--force", "--no-restart");

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent(), "the forced app is gone");
        assertEquals(0, r.json().get("appsRestarted").size());
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
    }

    @Test
    void aClosedAppComesBackWithItsArgvAndWorkingDirectory() throws Exception {
        Path started = tmp.resolve("started.txt");
        JavaProcess app = startApp("--started", started.toString(), "--app-id", "burner-test");
        Files.delete(started);

        Cli.Run r = apply();

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals(app.pid(), j.get("appsClosed").get(0).get("pid").asLong(), r.out());
        assertEquals(1, j.get("appsRestarted").size(), r.out());
        long newPid = j.get("appsRestarted").get(0).get("pid").asLong();
        JavaProcess.awaitFile(started, Duration.ofSeconds(30));
        JavaProcess.await(() -> lines(started).size() > 3, Duration.ofSeconds(10), "the restarted app's record");
        List<String> lines = lines(started);
        assertEquals(Long.toString(newPid), lines.get(0));
        assertEquals(workDir.toRealPath().toString(), Path.of(lines.get(1)).toRealPath().toString());
        assertTrue(lines.contains("--restored"), lines.toString());
        assertTrue(lines.contains(install.resolve("lib/core.jar").toString()), lines.toString());
        assertTrue(j.get("downtimeMillis").asLong() > 0);
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
    }

    @Test
    void noRestartRecordsTheClosedAppAndRestartAppsBringsItBack() throws Exception {
        Path started = tmp.resolve("started.txt");
        JavaProcess app = startApp("--started", started.toString());
        Files.delete(started);

        Cli.Run r = apply("--no-restart");

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent(), "the app was closed");
        assertEquals(0, r.json().get("appsRestarted").size(), r.out());
        String notes = r.json().get("notes").toString();
        assertTrue(notes.contains("left closed: ") && notes.contains("--restored"), "listed with its command: " + notes);
        assertTrue(cli.run("status", "--install-dir", install.toString()).out().contains("left closed: "), "status shows it");
        assertFalse(Files.exists(started), "nothing started it");

        Cli.Run back = cli.run("restart-apps", "--install-dir", install.toString(), "--json");

        assertEquals(0, back.code(), back.out() + back.err());
        assertEquals(1, back.json().get("appsRestarted").size(), back.out());
        long pid = back.json().get("appsRestarted").get(0).get("pid").asLong();
        held.restarted(pid);
        JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30), "the app to start again");
        assertEquals(workDir.toRealPath(), Path.of(lines(started).get(1)).toRealPath(), "in its working directory");
        Cli.Run none = cli.run("restart-apps", "--install-dir", install.toString(), "--json");
        assertEquals("no application was left closed", none.json().get("message").asText(), "each is started once");
    }

    @Test
    void aRefusalDefersTheRollbackAndWaitRollsBackOnceItEnds() throws Exception {
        assertEquals(0, apply().code());
        Path vetoFile = Files.writeString(tmp.resolve("busy"), BURNING);
        JavaProcess app = startApp("--veto-file", vetoFile.toString());
        Map<String, String> v2Tree = Trees.snapshot(install);

        Cli.Run refused = cli.run("rollback", "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.DEFERRED.code(), refused.code(), refused.out() + refused.err());
        assertEquals(BURNING, refused.json().get("appsRefused").get(0).get("reason").asText(), refused.out());
        assertTrue(app.isAlive(), "a refusing app is never closed");
        assertEquals(v2Tree, Trees.snapshot(install), "nothing changed");

        CompletableFuture<Cli.Run> run = CompletableFuture.supplyAsync(() -> cli.run("rollback", "--install-dir",
                install.toString(), "--wait", "2m", "--json"));
        app.awaitLine(l -> l.startsWith("QUERY"), Duration.ofSeconds(30));
        Files.delete(vetoFile);
        Cli.Run r = run.get();

        assertEquals(0, r.code(), r.out() + r.err());
        r.json().get("appsRestarted").forEach(a -> held.restarted(a.get("pid").asLong()));
        assertEquals("REVERTED", r.json().get("outcome").asText());
        assertEquals(app.pid(), r.json().get("appsClosed").get(0).get("pid").asLong(), r.out());
        assertEquals(1, r.json().get("appsRestarted").size(), "the app comes back on the old release: " + r.out());
        assertEquals(feeds.tree("v1", ApplyCommandTest.V1), Trees.snapshot(install));
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
