package dev.rmkit.updater.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.FeedFixture;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.ManifestLoader;
import dev.rmkit.updater.trust.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagerTest {
    private static final byte[] JAR = FeedFixture.bytes(300_000, 1);
    private static final byte[] SCRIPT = "#!/bin/sh\necho burner\n".getBytes();

    @TempDir Path tmp;
    private final Fetcher fetcher = new Fetcher(FetchOptions.defaults().withBackoff(Duration.ZERO, Duration.ZERO, Duration.ZERO));
    private LoadedManifest loaded;
    private Path staging;

    @BeforeEach
    void loadASignedFeed() throws Exception {
        FeedFixture fixture = new FeedFixture(tmp);
        fixture.publish("1.1.0", Map.of("lib/burner.jar", JAR, "bin/burner", SCRIPT, "empty.txt", new byte[0]));
        TrustStore trust = TrustStore.open(tmp.resolve("install"));
        trust.pinIfEmpty(fixture.key.publicKey());
        loaded = new ManifestLoader(fetcher, Clock.systemUTC()).load(fixture.feed.resolve("manifest.json").toString(), trust);
        staging = tmp.resolve("install/.rmkit/staging/1.1.0");
    }

    private Map<String, Path> stage(List<ManifestFile> files) throws UpdateException {
        return new Stager(fetcher).stage(loaded, files, staging, ProgressSink.NONE);
    }

    @Test
    void stagesEveryFileWithItsExactBytes() throws Exception {
        Map<String, Path> staged = stage(loaded.manifest().files());
        assertEquals(List.of("bin/burner", "empty.txt", "lib/burner.jar"), List.copyOf(staged.keySet()));
        assertArrayEquals(JAR, Files.readAllBytes(staging.resolve("lib/burner.jar")));
        assertArrayEquals(SCRIPT, Files.readAllBytes(staged.get("bin/burner")));
        assertEquals(0, Files.size(staged.get("empty.txt")));
    }

    @Test
    void stagesOnlyTheFilesAsked() throws Exception {
        ManifestFile jar = loaded.manifest().files().stream().filter(f -> f.path().equals("lib/burner.jar")).findFirst().orElseThrow();
        stage(List.of(jar));
        assertTrue(Files.exists(staging.resolve("lib/burner.jar")));
        assertFalse(Files.exists(staging.resolve("bin/burner")));
    }

    @Test
    void resumesAPartialFileLeftByAnEarlierRun() throws Exception {
        Files.createDirectories(staging.resolve("lib"));
        Files.write(staging.resolve("lib/burner.jar.rmkit-part"), java.util.Arrays.copyOf(JAR, 100_000));
        stage(loaded.manifest().files());
        assertArrayEquals(JAR, Files.readAllBytes(staging.resolve("lib/burner.jar")));
        assertFalse(Files.exists(staging.resolve("lib/burner.jar.rmkit-part")));
    }

    @Test
    void replacesAStagedFileThatNoLongerMatches() throws Exception {
        stage(loaded.manifest().files());
        Files.write(staging.resolve("lib/burner.jar"), FeedFixture.bytes(JAR.length, 2));
        stage(loaded.manifest().files());
        assertArrayEquals(JAR, Files.readAllBytes(staging.resolve("lib/burner.jar")));
    }

    @Test
    void reportsProgressOverAllFiles() throws Exception {
        List<long[]> seen = new ArrayList<>();
        new Stager(fetcher).stage(loaded, loaded.manifest().files(), staging, (d, t) -> seen.add(new long[] {d, t}));
        long total = JAR.length + SCRIPT.length;
        assertTrue(seen.stream().allMatch(p -> p[1] == total && p[0] <= total));
        assertEquals(total, seen.get(seen.size() - 1)[0]);
    }

    @Test
    void aTamperedBlobIsRejectedAndNothingIsStagedForIt() throws Exception {
        ManifestFile jar = loaded.manifest().files().stream().filter(f -> f.path().equals("lib/burner.jar")).findFirst().orElseThrow();
        Path blob = Path.of(loaded.urlOf(jar));
        FeedFixture.flipBit(blob, 12345);
        UpdateException e = assertThrows(UpdateException.class, () -> stage(loaded.manifest().files()));
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertTrue(e.getMessage().startsWith("SHA-256 mismatch for lib/burner.jar: expected " + jar.sha256()), e.getMessage());
        assertFalse(Files.exists(staging.resolve("lib/burner.jar")));
        assertFalse(Files.exists(staging.resolve("lib/burner.jar.rmkit-part")));
    }

    @Test
    void aMissingBlobIsUnavailable() throws Exception {
        ManifestFile jar = loaded.manifest().files().stream().filter(f -> f.path().equals("lib/burner.jar")).findFirst().orElseThrow();
        Files.delete(Path.of(loaded.urlOf(jar)));
        UpdateException e = assertThrows(UpdateException.class, () -> stage(loaded.manifest().files()));
        assertEquals(ExitCode.UNAVAILABLE, e.exitCode());
    }

    @Test
    void aHandBuiltEscapingPathIsRejected() {
        ManifestFile evil = new ManifestFile("../../outside", 1, "a".repeat(64), "x");
        UpdateException e = assertThrows(UpdateException.class, () -> stage(List.of(evil)));
        assertEquals(ExitCode.REJECTED, e.exitCode());
        assertFalse(Files.exists(tmp.resolve("install/outside")));
    }
}
