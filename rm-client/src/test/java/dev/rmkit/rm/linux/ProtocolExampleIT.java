package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.rm.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Python examples of docs/linux-protocol.md exactly as the page prints them: the client
 * against a Java app, and the Python app under a Java restart session. If the page and the code
 * disagree, this fails.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux protocol over Unix sockets, with python3")
class ProtocolExampleIT {

    private static final Path DOC = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/linux-protocol.md");

    @TempDir Path tmp;
    private SessionFixture fx;
    private Process python;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || Tools.onPath("python3"), "python3 is needed");
        fx = new SessionFixture(tmp);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (python != null) {
            python.destroyForcibly();
            python.waitFor(5, TimeUnit.SECONDS);
        }
        if (fx != null) {
            fx.close();
        }
    }

    /** The fenced code block that follows {@code <!-- file: NAME -->} in the page. */
    private Path example(String name) throws IOException {
        String doc = Files.readString(DOC);
        int marker = doc.indexOf("<!-- file: " + name + " -->");
        assertTrue(marker >= 0, "docs/linux-protocol.md has no example " + name);
        int start = doc.indexOf("```python\n", marker) + "```python\n".length();
        int end = doc.indexOf("```", start);
        return Files.writeString(tmp.resolve(name), doc.substring(start, end));
    }

    private ProcessBuilder pythonCommand(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("RMKIT_RUNTIME_DIR", fx.runtime.toString());
        return pb;
    }

    @Test
    void thePythonClientAsksAJavaApp() throws Exception {
        Path client = example("rmkit_query.py");
        Path f = fx.file("data.bin");
        JavaProcess app = JavaProcess.start(CooperatingTestApp.class, fx.runtime, tmp, "--app-id", "burner",
                "--hold", f.toString(), "--veto", "Burning 42%");
        try (app) {
            app.awaitReady();
            Process p = pythonCommand(client.toString(), Long.toString(app.pid())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertEquals("{\"v\":1,\"type\":\"hello\",\"appId\":\"burner\",\"pid\":" + app.pid() + "}\n"
                    + "{\"v\":1,\"type\":\"answer\",\"allow\":false,\"reason\":\"Burning 42%\"}\n", out.replace(": ", ":").replace(", ", ","));
        }
    }

    @Test
    void thePythonAppIsListedClosedAndRestartedByAJavaSession() throws Exception {
        Path app = example("rmkit_app.py");
        Path f = fx.file("data.bin");
        python = pythonCommand(app.toString(), f.toString()).start();
        String ready = new String(python.getInputStream().readNBytes(("READY " + python.pid() + "\n").length()), StandardCharsets.UTF_8);
        assertEquals("READY " + python.pid() + "\n", ready);
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            AffectedApp a = s.list().apps().get(0);
            assertEquals(python.pid(), a.process().pid());
            assertEquals("py-demo", a.name());
            assertEquals(AppType.MAIN_WINDOW, a.type());
            assertTrue(a.restartable());
            assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(), p -> { }).outcome());
            assertTrue(python.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, python.exitValue());
            RestartResult r = s.restart(p -> { });
            assertTrue(r.complete(), r.toString());
            assertEquals(Set.of(AppStatus.STOPPED, AppStatus.RESTARTED), r.apps().get(0).app().status());
            long again = r.apps().get(0).newProcess().orElseThrow().pid();
            fx.adopt(again);
            JavaProcess.awaitFile(Registry.entryPath(fx.runtime, again), Duration.ofSeconds(10));
        }
    }

    @Test
    void aRefusingPythonAppKeepsRunningWithItsReason() throws Exception {
        Path app = example("rmkit_app.py");
        Path f = fx.file("data.bin");
        python = pythonCommand(app.toString(), f.toString(), "Burning session 2 - 10%").start();
        python.getInputStream().readNBytes(("READY " + python.pid() + "\n").length());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            ShutdownResult r = s.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome());
            assertEquals("Burning session 2 - 10%", r.apps().get(0).reason().orElseThrow());
            assertTrue(python.isAlive());
        }
    }

    @Test
    void thePythonAppHearsTheNoticeOfAComingForcedEnd() throws Exception {
        Path app = example("rmkit_app.py");
        Path f = fx.file("data.bin");
        python = pythonCommand(app.toString(), f.toString(), "Burning session 2 - 10%").start();
        String ready = "READY " + python.pid() + "\n";
        python.getInputStream().readNBytes(ready.length());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            List<AffectedApp> told = s.announceEnd(new dev.rmkit.rm.EndNotice(
                    java.time.Instant.parse("2026-12-09T01:00:00Z"), "update of rmkit-burner to 2.0.0"));
            assertEquals(List.of(python.pid()), told.stream().map(a -> a.process().pid()).toList());
        }
        String line = "NOTICE 2026-12-09T01:00:00Z update of rmkit-burner to 2.0.0\n";
        assertEquals(line, new String(python.getInputStream().readNBytes(line.length()), StandardCharsets.UTF_8));
        assertTrue(python.isAlive());
    }
}
