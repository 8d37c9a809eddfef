package dev.rmkit.updater.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.journal.TestHooks;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM during an apply, sent to the real updater while it downloads from a feed that
 * trickles (it is certainly still downloading: the test waits for the request, not for a time): one
 * report with the state and what to run next, the lock released, exit 130 or 143, and a fresh install
 * leaves nothing behind that would stand in the next try's way.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX signals")
class InterruptIT {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir Path tmp;

    private Map<String, String> env() {
        return Map.of("RMKIT_RUNTIME_DIR", tmp.resolve("runtime").toString());
    }

    /** Serves a published feed; its payloads trickle for {@code trickle} (zero: at once). */
    private String serve(Path manifest, Duration trickle) throws Exception {
        wm.resetAll();
        Path feed = manifest.getParent();
        try (Stream<Path> files = Files.walk(feed)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String url = "/feed/" + feed.relativize(p).toString().replace('\\', '/');
                var body = aResponse().withStatus(200).withBody(Files.readAllBytes(p));
                if (url.contains("/blobs/") && !trickle.isZero()) {
                    body = body.withChunkedDribbleDelay(100, (int) trickle.toMillis());
                }
                wm.stubFor(get(urlEqualTo(url)).willReturn(body));
            }
        }
        return wm.baseUrl() + "/feed/manifest.json";
    }

    private UpdaterProcess.Result interruptedApply(String manifest, Path install, String signal, String... extra)
            throws Exception {
        String[] base = {"apply", "--manifest", manifest, "--install-dir", install.toString(), "--json"};
        UpdaterProcess u = UpdaterProcess.startSignalable(env(), Stream.concat(Stream.of(base), Stream.of(extra))
                .toArray(String[]::new));
        JavaProcess.await(() -> !wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlMatching("/feed/blobs/.*"))).isEmpty(), Duration.ofSeconds(60), "the payload download to start");
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(u.pid())).start().waitFor());
        return u.await();
    }

    @Test
    void sigintDuringAFreshInstallLeavesNothingAndTheNextTryInstalls() throws Exception {
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Path v1 = feeds.publish("1.0.0", Map.of("lib/core.jar", "1".repeat(200_000)));
        Path install = tmp.resolve("app");

        UpdaterProcess.Result r = interruptedApply(serve(v1, Duration.ofMinutes(2)), install, "INT", "--trust",
                feeds.publicKey().toString());

        assertEquals(130, r.code(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("INTERRUPTED", j.get("outcome").asText(), r.out());
        assertTrue(j.get("message").asText().startsWith("interrupted by SIGINT while downloading; nothing was installed"),
                r.out());
        assertFalse(Files.exists(install), "the fresh install's directory is gone again");

        UpdaterProcess.Result again = UpdaterProcess.run(Map.of(), env(), "apply", "--manifest", serve(v1, Duration.ZERO),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString());
        assertEquals(0, again.code(), again.out() + again.err());
    }

    @Test
    void sigtermDuringAnUpdateChangesNothingReleasesTheLockAndSaysWhatToRunNext() throws Exception {
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Path install = tmp.resolve("app");
        Path v1 = feeds.publish("1.0.0", Map.of("lib/core.jar", "core 1.0"));
        assertEquals(0, UpdaterProcess.run(Map.of(), env(), "apply", "--manifest", v1.toString(), "--install-dir",
                install.toString(), "--trust", feeds.publicKey().toString()).code());
        Map<String, String> before = Trees.snapshot(install);
        Path v2 = feeds.publish("2.0.0", Map.of("lib/core.jar", "2".repeat(200_000)));

        UpdaterProcess.Result r = interruptedApply(serve(v2, Duration.ofMinutes(2)), install, "TERM");

        assertEquals(143, r.code(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("TERMINATED", j.get("outcome").asText(), r.out());
        assertTrue(j.get("message").asText().contains("nothing was changed; run the same command again"), r.out());
        assertEquals(before, Trees.snapshot(install));
        assertEquals(j, new ObjectMapper().readTree(install.resolve(".rmkit/last-report.json").toFile()), "report saved");
        UpdaterProcess.Result next = UpdaterProcess.run(Map.of(), env(), "apply", "--manifest", serve(v2, Duration.ZERO),
                "--install-dir", install.toString());
        assertEquals(0, next.code(), "the lock was released: " + next.out() + next.err());
    }
    @Test
    void aSignalAfterTheReportIsPrintedDoesNotChangeTheExitCodeTheReportGave() throws Exception {
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Path v1 = feeds.publish("1.0.0", Map.of("lib/core.jar", "core 1.0"));
        Path install = tmp.resolve("app");
        Path pause = tmp.resolve("paused");
        // Paused after the run ended and its trap was closed, before the JVM exits: a shutdown's SIGTERM that
        // lands there used to end the JVM with 143 after a report that said 0 (systemd-it RebootIT saw it).
        UpdaterProcess u = UpdaterProcess.startSignalable(Map.of(TestHooks.PAUSE_AT, "signals-restored",
                TestHooks.PAUSE_FILE, pause.toString()), env(), "apply", "--manifest", v1.toString(), "--install-dir",
                install.toString(), "--trust", feeds.publicKey().toString(), "--json");
        JavaProcess.await(() -> Files.exists(pause), Duration.ofSeconds(60), "the run to end");
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(u.pid())).start().waitFor());

        UpdaterProcess.Result r = u.await();

        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("UPDATED", j.get("outcome").asText(), r.out());
        assertEquals(0, r.code(), "the exit code is the report's: " + r.out() + r.err());
    }
}
