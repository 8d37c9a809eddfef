package dev.rmkit.updater.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.FeedFixture;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.trust.TrustStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir Path tmp;
    private FeedFixture fixture;
    private TrustStore trust;
    private final Fetcher fetcher = new Fetcher(FetchOptions.defaults().withBackoff(Duration.ZERO, Duration.ZERO, Duration.ZERO));

    @BeforeEach
    void publishAFeedAndTrustItsKey() throws Exception {
        fixture = new FeedFixture(tmp);
        fixture.publish("1.1.0", Map.of("lib/burner.jar", "new jar".getBytes(StandardCharsets.UTF_8),
                "bin/burner", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)), Clock.fixed(NOW, ZoneOffset.UTC), List.of("lib/old.jar"));
        trust = TrustStore.open(tmp.resolve("install"));
        trust.pinIfEmpty(fixture.key.publicKey());
    }

    private ManifestLoader loader(Instant now) {
        return new ManifestLoader(fetcher, Clock.fixed(now, ZoneOffset.UTC));
    }

    private Path manifest() {
        return fixture.feed.resolve("manifest.json");
    }

    private String rejection(String location) {
        UpdateException e = assertThrows(UpdateException.class, () -> loader(NOW.plusSeconds(60)).load(location, trust));
        assertEquals(ExitCode.REJECTED, e.exitCode(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aPublishedFeedRoundTrips() throws Exception {
        LoadedManifest m = loader(NOW.plusSeconds(60)).load(manifest().toString(), trust);
        assertEquals("1.1.0", m.manifest().version());
        assertEquals(fixture.key.keyId(), m.keyId());
        assertEquals(List.of("bin/burner", "lib/burner.jar"), m.manifest().files().stream().map(ManifestFile::path).toList());
        assertEquals(List.of("lib/old.jar"), m.manifest().removals());
        ManifestFile jar = m.manifest().files().get(1);
        assertEquals("new jar", Files.readString(Path.of(m.urlOf(jar))));
        assertEquals(Sha256.hex(Files.readAllBytes(manifest())), m.sha256OfManifest());
        assertEquals(m.manifest(), loader(NOW).load(manifest().toUri().toString(), trust).manifest());
    }

    @Test
    void missingSignatureIsRejected() throws Exception {
        Files.delete(fixture.feed.resolve("manifest.json.sig"));
        assertTrue(rejection(manifest().toString()).startsWith("missing signature"));
    }

    @Test
    void unparsableSignatureIsRejected() throws Exception {
        Files.writeString(fixture.feed.resolve("manifest.json.sig"), "garbage");
        assertTrue(rejection(manifest().toString()).startsWith("unparsable signature file"));
    }

    @Test
    void aBitFlipInTheManifestIsABadSignature() throws Exception {
        FeedFixture.flipBit(manifest(), 40);
        assertTrue(rejection(manifest().toString()).startsWith("bad signature"));
    }

    @Test
    void aBitFlipInTheSignatureIsABadSignature() throws Exception {
        Path sig = fixture.feed.resolve("manifest.json.sig");
        String text = Files.readString(sig);
        int at = text.indexOf("\"signature\" : \"") + 20;
        char c = text.charAt(at);
        Files.writeString(sig, text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1));
        assertTrue(rejection(manifest().toString()).startsWith("bad signature"));
    }

    @Test
    void aSignatureByAnotherKeyIsAnUnknownKey() throws Exception {
        FeedFixture otherPublisher = new FeedFixture(Files.createDirectories(tmp.resolve("other")));
        otherPublisher.publish("1.1.0", Map.of("a", new byte[] {1}));
        String msg = rejection(otherPublisher.feed.resolve("manifest.json").toString());
        assertTrue(msg.startsWith("unknown key: the manifest is signed by key " + otherPublisher.key.keyId()), msg);
    }

    @Test
    void anInstallWithoutTrustedKeysRejectsEverything() {
        TrustStore empty = TrustStore.open(tmp.resolve("fresh"));
        UpdateException e = assertThrows(UpdateException.class, () -> loader(NOW).load(manifest().toString(), empty));
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().contains("--trust"), e.getMessage());
    }

    @Test
    void anExpiredManifestIsRejected() {
        UpdateException e = assertThrows(UpdateException.class,
                () -> loader(NOW.plus(Duration.ofDays(30))).load(manifest().toString(), trust));
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().startsWith("expired: the manifest for rmkit-burner 1.1.0 expired at 2026-12-21T10:00:00Z"), e.getMessage());
    }

    @Test
    void anOversizedManifestIsRejectedBeforeTheSignature() throws Exception {
        Files.write(manifest(), new byte[ManifestParser.MAX_BYTES + 1]);
        assertTrue(rejection(manifest().toString()).contains("larger than the 1048576-byte limit"));
    }

    @Test
    void aMissingLocalManifestIsBadUsage() {
        UpdateException e = assertThrows(UpdateException.class,
                () -> loader(NOW).load(tmp.resolve("nope/manifest.json").toString(), trust));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("manifest not found"), e.getMessage());
    }

    @Test
    void anUnsupportedSchemeIsBadUsage() {
        UpdateException e = assertThrows(UpdateException.class, () -> loader(NOW).load("ftp://example.com/m.json", trust));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }
}
