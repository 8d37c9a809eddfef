package dev.rmkit.updater.stage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.FeedFixture;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestLoader;
import dev.rmkit.updater.trust.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A published feed served over real HTTP: load, verify and stage end to end. */
class HttpFeedTest {
    private static final byte[] JAR = FeedFixture.bytes(150_000, 3);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir Path tmp;
    private TrustStore trust;
    private final Fetcher fetcher = new Fetcher(FetchOptions.defaults()
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(2)).withAttempts(3, 10));

    @BeforeEach
    void serveAPublishedFeed() throws Exception {
        FeedFixture fixture = new FeedFixture(tmp);
        fixture.publish("1.1.0", Map.of("lib/burner.jar", JAR, "bin/burner", "#!/bin/sh\n".getBytes()));
        try (Stream<Path> files = Files.walk(fixture.feed)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String url = "/feeds/burner/" + fixture.feed.relativize(p).toString().replace('\\', '/');
                wm.stubFor(get(urlEqualTo(url)).willReturn(aResponse().withStatus(200).withBody(Files.readAllBytes(p))));
            }
        }
        trust = TrustStore.open(tmp.resolve("install"));
        trust.pinIfEmpty(fixture.key.publicKey());
    }

    private LoadedManifest load() throws UpdateException {
        return new ManifestLoader(fetcher, Clock.systemUTC()).load(wm.baseUrl() + "/feeds/burner/manifest.json", trust);
    }

    @Test
    void loadsAndStagesOverHttp() throws Exception {
        LoadedManifest m = load();
        Path staging = tmp.resolve("install/.rmkit/staging/1.1.0");
        Map<String, Path> staged = new Stager(fetcher).stage(m, m.manifest().files(), staging, ProgressSink.NONE);
        assertArrayEquals(JAR, Files.readAllBytes(staged.get("lib/burner.jar")));
        assertTrue(m.urlOf(m.manifest().files().get(1)).toString().startsWith(wm.baseUrl() + "/feeds/burner/blobs/"));
    }

    @Test
    void aSignatureThatIsNotServedIsMissing() {
        wm.stubFor(get(urlEqualTo("/feeds/burner/manifest.json.sig")).willReturn(aResponse().withStatus(404)));
        UpdateException e = assertThrows(UpdateException.class, this::load);
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().startsWith("missing signature"), e.getMessage());
    }

    @Test
    void anEndlessManifestIsCutOffAtTheLimit() {
        wm.stubFor(get(urlEqualTo("/feeds/burner/manifest.json"))
                .willReturn(aResponse().withStatus(200).withBody(new byte[3 * 1024 * 1024]).withChunkedDribbleDelay(3, 30)));
        UpdateException e = assertThrows(UpdateException.class, this::load);
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().contains("larger than the 1048576-byte limit"), e.getMessage());
    }

    @Test
    void aFeedThatStaysDownIsUnavailable() {
        wm.stubFor(get(urlEqualTo("/feeds/burner/manifest.json")).willReturn(aResponse().withStatus(502)));
        UpdateException e = assertThrows(UpdateException.class, this::load);
        assertEquals(ExitCode.UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().startsWith("manifest unavailable after 3 attempts"), e.getMessage());
    }

    @Test
    void aMissingManifestOnAServerIsUnavailable() {
        wm.stubFor(get(urlEqualTo("/feeds/burner/manifest.json")).willReturn(aResponse().withStatus(404)));
        UpdateException e = assertThrows(UpdateException.class, this::load);
        assertEquals(ExitCode.UNAVAILABLE, e.exitCode());
    }
}
