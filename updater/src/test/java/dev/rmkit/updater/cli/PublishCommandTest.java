package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.ManifestLoader;
import dev.rmkit.updater.trust.TrustStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishCommandTest {
    @TempDir Path tmp;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private Path release;
    private Path feed;
    private Path key;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @BeforeEach
    void aReleaseDirectoryAndAKey() throws Exception {
        release = tmp.resolve("release");
        Files.createDirectories(release.resolve("lib"));
        Files.createDirectories(release.resolve("bin"));
        Files.writeString(release.resolve("lib/burner.jar"), "jar 1.1");
        Files.writeString(release.resolve("bin/burner"), "#!/bin/sh\n");
        feed = tmp.resolve("feed");
        assertEquals(0, run("keygen", "--out", tmp.resolve("k").toString()));
        key = tmp.resolve("k.key");
    }

    private LoadedManifest load() throws Exception {
        TrustStore trust = TrustStore.open(tmp.resolve("install"));
        trust.pinIfEmpty(tmp.resolve("k.pub"));
        return new ManifestLoader(new Fetcher(FetchOptions.defaults()), Clock.systemUTC())
                .load(feed.resolve("manifest.json").toString(), trust);
    }

    @Test
    void publishesAFeedTheLoaderAccepts() throws Exception {
        assertEquals(0, run("publish", "--from", release.toString(), "--version", "1.1.0", "--out", feed.toString(),
                "--key", key.toString(), "--product", "rmkit-burner", "--remove", "lib/old.jar", "--reboot-required",
                "--expires-in", "7d"), err.toString());
        assertTrue(out.toString().startsWith("published rmkit-burner 1.1.0 (stable): 2 files"), out.toString());
        LoadedManifest m = load();
        assertEquals("stable", m.manifest().channel());
        assertEquals(List.of("lib/old.jar"), m.manifest().removals());
        assertTrue(m.manifest().rebootRequired());
        assertEquals(Duration.ofDays(7), Duration.between(m.manifest().released(), m.manifest().expires()));
        for (ManifestFile f : m.manifest().files()) {
            assertEquals("blobs/" + f.sha256(), f.url());
            assertEquals(Files.readString(release.resolve(f.path())), Files.readString(Path.of(m.urlOf(f))));
        }
        assertTrue(m.manifest().released().isBefore(Instant.now().plusSeconds(1)));
    }

    @Test
    void theNextReleaseTakesProductAndChannelFromTheFeed() throws Exception {
        assertEquals(0, run("publish", "--from", release.toString(), "--version", "1.1.0", "--out", feed.toString(),
                "--key", key.toString(), "--product", "rmkit-burner", "--channel", "beta"));
        Files.writeString(release.resolve("lib/burner.jar"), "jar 1.2");
        assertEquals(0, run("publish", "--from", release.toString(), "--version", "1.2.0", "--out", feed.toString(),
                "--key", key.toString()), err.toString());
        LoadedManifest m = load();
        assertEquals("rmkit-burner", m.manifest().product());
        assertEquals("beta", m.manifest().channel());
        assertEquals("1.2.0", m.manifest().version());
        try (var blobs = Files.list(feed.resolve("blobs"))) {
            assertEquals(3, blobs.count(), "the unchanged script is stored once");
        }
    }

    @Test
    void aNewFeedNeedsAProduct() {
        assertEquals(ExitCode.USAGE.code(), run("publish", "--from", release.toString(), "--version", "1.0.0",
                "--out", feed.toString(), "--key", key.toString()));
        assertTrue(err.toString().contains("--product is required"), err.toString());
        assertFalse(Files.exists(feed.resolve("manifest.json")));
    }

    @Test
    void refusesAnOlderVersionThanTheFeedHas() throws Exception {
        assertEquals(0, run("publish", "--from", release.toString(), "--version", "2.0.0", "--out", feed.toString(),
                "--key", key.toString(), "--product", "rmkit-burner"));
        byte[] before = Files.readAllBytes(feed.resolve("manifest.json"));
        assertEquals(ExitCode.USAGE.code(), run("publish", "--from", release.toString(), "--version", "1.9.0",
                "--out", feed.toString(), "--key", key.toString()));
        assertTrue(err.toString().contains("older than the feed's current 2.0.0"), err.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(feed.resolve("manifest.json"))));
    }

    @Test
    void refusesFilesWhosePathsClientsWouldReject() throws Exception {
        Files.writeString(release.resolve("lib/nul.txt"), "x");
        assertEquals(ExitCode.USAGE.code(), run("publish", "--from", release.toString(), "--version", "1.0.0",
                "--out", feed.toString(), "--key", key.toString(), "--product", "rmkit-burner"));
        assertTrue(err.toString().contains("'lib/nul.txt'") && err.toString().contains("device name"), err.toString());
        assertFalse(Files.exists(feed.resolve("manifest.json")));
    }

    @Test
    void refusesASegmentLongerThan255BytesBeforeCopyingAnyBlob() {
        assertEquals(ExitCode.USAGE.code(), run("publish", "--from", release.toString(), "--version", "1.0.0",
                "--out", feed.toString(), "--key", key.toString(), "--product", "rmkit-burner",
                "--remove", "lib/" + "\u00e9".repeat(128)));
        assertTrue(err.toString().contains("256 bytes"), err.toString());
        assertFalse(Files.exists(feed), "checked before anything is written");
    }

    @Test
    void refusesUnicodeNormalizationTwins() throws Exception {
        Files.writeString(release.resolve("lib/caf\u00e9.txt"), "composed");
        Files.writeString(release.resolve("lib/cafe\u0301.txt"), "decomposed");
        try (var s = Files.list(release.resolve("lib"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(s.count() == 3, "this file system keeps both spellings apart");
        }
        assertEquals(ExitCode.USAGE.code(), run("publish", "--from", release.toString(), "--version", "1.0.0",
                "--out", feed.toString(), "--key", key.toString(), "--product", "rmkit-burner"));
        assertTrue(err.toString().contains("duplicates"), err.toString());
        assertFalse(Files.exists(feed.resolve("manifest.json")));
    }

    @Test
    void refusesBadValues() {
        String[][] cases = {
            {"--version", "v1"},
            {"--expires-in", "soon"},
            {"--remove", "../x"},
            {"--product", "Burner"},
            {"--key", "/no/such/key"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("publish", "--from", release.toString(), "--version", "1.0.0",
                    "--out", feed.toString(), "--key", key.toString(), "--product", "rmkit-burner"));
            int i = args.indexOf(c[0]);
            if (i >= 0) {
                args.set(i + 1, c[1]);
            } else {
                args.addAll(List.of(c));
            }
            assertEquals(ExitCode.USAGE.code(), run(args.toArray(String[]::new)), String.join(" ", c) + ": " + err);
            assertFalse(Files.exists(feed.resolve("manifest.json")), String.join(" ", c));
        }
    }

    @Test
    void aPublicKeyIsNotASigningKey() {
        assertEquals(ExitCode.USAGE.code(), run("publish", "--from", release.toString(), "--version", "1.0.0",
                "--out", feed.toString(), "--key", tmp.resolve("k.pub").toString(), "--product", "rmkit-burner"));
        assertTrue(err.toString().contains("not a PEM private key"), err.toString());
    }

    @Test
    void helpDoesNotClashWithTheReleaseVersionOption() {
        assertEquals(0, run("publish", "--help"));
        assertTrue(out.toString().contains("--version=V"), out.toString());
    }
}
