package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.rm.testing.HolderApp;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HeldInstall;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report says exactly what happened to each process: closed (and over which refusal), restarted
 * with its new pid, or closed and not restarted with the reason; never "restarted" for a process
 * nothing started, never "nothing was changed" after a process was stopped.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real holders, signals and the Linux backend")
class ReportTruthIT {

    @TempDir Path tmp;
    HeldInstall held;
    Path v2;

    @BeforeEach
    void installV1() throws Exception {
        held = HeldInstall.of(tmp, ApplyCommandTest.V1);
        v2 = held.feeds().publish("2.0.0", ApplyCommandTest.V2);
    }

    @AfterEach
    void stopApps() {
        held.close();
    }

    private Cli.Run apply(String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", "--manifest", v2.toString(), "--install-dir",
                held.install().toString(), "--json"));
        args.addAll(List.of(extra));
        Cli.Run r = held.cli().run(args.toArray(String[]::new));
        if (r.out().startsWith("{")) {
            r.json().get("appsRestarted").forEach(a -> held.restarted(a.get("pid").asLong()));
        }
        return r;
    }

    private JavaProcess holder(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--open", held.install().resolve("lib/core.jar").toString()));
        argv.addAll(List.of(args));
        JavaProcess p = JavaProcess.start(HolderApp.class, argv, held.workDir(), Map.of()).awaitReady();
        held.track(p);
        return p;
    }

    private Path argvFile(String... argv) throws Exception {
        return Files.write(tmp.resolve("argv-" + argv[0].replace('/', '_')), List.of(argv));
    }

    private static List<Long> pids(JsonNode apps) {
        return StreamSupport.stream(apps.spliterator(), false).map(a -> a.get("pid").asLong()).toList();
    }

    @Test
    void aHolderThatRegisteredNoRestartIsReportedClosedAndNotRestarted() throws Exception {
        JavaProcess plain = holder();

        Cli.Run r = apply();

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals(List.of(plain.pid()), pids(j.get("appsClosed")), r.out());
        assertEquals(0, j.get("appsRestarted").size(), r.out());
        assertEquals(List.of(plain.pid()), pids(j.get("appsNotRestarted")), r.out());
        assertTrue(j.get("appsNotRestarted").get(0).get("reason").asText().contains("registered no restart command"), r.out());
        assertEquals(0, j.get("appsRefused").size(), r.out());
    }

    @Test
    void aRegisteredProgramThatCannotRunIsReportedNotRestartedWithTheCause() throws Exception {
        JavaProcess app = held.startApp("lib/core.jar", List.of("--restart-argv-file",
                argvFile(tmp.resolve("no-such-program").toString()).toString()));

        Cli.Run r = apply();

        assertEquals(ExitCode.NOT_RESTARTED.code(), r.code(), "updated, but an app did not start again: " + r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("RESTART_FAILED", j.get("outcome").asText(), r.out());
        assertEquals(List.of(app.pid()), pids(j.get("appsClosed")), r.out());
        assertEquals(0, j.get("appsRestarted").size(), r.out());
        assertTrue(j.get("appsNotRestarted").get(0).get("reason").asText().contains("was not found or could not be run"),
                r.out());
        assertEquals(0, j.get("appsRefused").size(), r.out());
    }

    @Test
    void aRegisteredArgvStartingWithAnOptionIsNeverRunBySetsid() throws Exception {
        Path marker = tmp.resolve("ran");
        held.startApp("lib/core.jar", List.of("--restart-argv-file",
                argvFile("-w", "/bin/sh", "-c", "echo ran > '" + marker + "'").toString()));

        Cli.Run r = apply();

        assertEquals(ExitCode.NOT_RESTARTED.code(), r.code(), r.out() + r.err());
        assertFalse(Files.exists(marker), "setsid took -w as its option and ran the rest");
        assertTrue(r.json().get("appsNotRestarted").get(0).get("reason").asText().contains("'-w' was not found"), r.out());
    }

    @Test
    void forceNamesEachRefusalItOverrodeWithTheAppsReason() throws Exception {
        JavaProcess app = held.startApp("lib/core.jar", List.of("--veto", ApplyHoldersIT.BURNING));

        Cli.Run r = apply("--force");

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode closed = r.json().get("appsClosed").get(0);
        assertEquals(app.pid(), closed.get("pid").asLong());
        assertEquals("refused (" + ApplyHoldersIT.BURNING + "), closed by --force", closed.get("reason").asText());
    }

    @Test
    void aHolderThatIgnoresSigtermDefersWithoutClosingTheCooperatingAppAndTheReportSaysWhatStopped() throws Exception {
        JavaProcess coop = held.startApp("lib/core.jar", List.of());
        JavaProcess stubborn = holder("--ignore-term");
        JavaProcess plain = holder();
        var before = Trees.snapshot(held.install());

        Cli.Run r = apply();

        assertEquals(ExitCode.DEFERRED.code(), r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals(List.of(stubborn.pid()), pids(j.get("appsRefused")), r.out());
        assertTrue(j.get("appsRefused").get(0).get("reason").asText().contains("after SIGTERM"), r.out());
        assertEquals(List.of(plain.pid()), pids(j.get("appsClosed")), r.out());
        assertEquals(List.of(plain.pid()), pids(j.get("appsNotRestarted")), r.out());
        assertTrue(coop.isAlive(), "the cooperating app was never closed");
        assertTrue(coop.lines().stream().noneMatch(l -> l.startsWith("END true")), coop.lines().toString());
        String message = j.get("message").asText();
        assertFalse(message.contains("nothing was changed"), message);
        assertTrue(message.contains("the install is unchanged") && message.contains("1 process was closed"), message);
        assertEquals(before, Trees.snapshot(held.install()));
        assertTrue(stubborn.isAlive());
    }
}
