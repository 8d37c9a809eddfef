package dev.rmkit.updater.feed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HistoryFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Installs pointed at a feed: the newest release of their channel, patches, and the index's own checks. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class FeedApplyTest {
    static final byte[] BIG1 = HistoryFeed.BIG1;
    static final byte[] BIG2 = HistoryFeed.BIG2;
    static final byte[] BIG3 = HistoryFeed.BIG3;

    @TempDir Path tmp;
    HistoryFeed feed;
    Path key;
    Cli cli;
    Path install;

    @BeforeEach
    void setUp() {
        feed = new HistoryFeed(tmp.resolve("publisher"));
        key = feed.keygen("k1");
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
    }

    private void publish(String version, byte[] big, String... extra) {
        feed.publishBig(version, big, key, extra);
    }

    private Cli.Run apply(Path dir, String... extra) {
        String[] base = {"apply", "--feed", feed.dir().toString(), "--install-dir", dir.toString(), "--json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli.run(args);
    }

    private Cli.Run installFresh() {
        return apply(install, "--trust", HistoryFeed.pub(key).toString());
    }

    @Test
    void aFreshInstallTakesTheNewestReleaseOfItsChannel() throws Exception {
        publish("1.0.0", BIG1);
        publish("1.1.0", BIG2);
        publish("2.0.0-beta.1", BIG3, "--channel", "beta");

        Cli.Run r = installFresh();
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("1.1.0", r.json().get("toVersion").asText());
        assertArrayEquals(BIG2, Files.readAllBytes(install.resolve("lib/big.bin")));

        Cli.Run beta = apply(tmp.resolve("beta-app"), "--trust", HistoryFeed.pub(key).toString(), "--channel", "beta");
        assertEquals(0, beta.code(), beta.out() + beta.err());
        assertEquals("2.0.0-beta.1", beta.json().get("toVersion").asText());

        Cli.Run again = apply(install);
        assertEquals(0, again.code(), again.out() + again.err());
        assertEquals("UP_TO_DATE", again.json().get("outcome").asText());
    }

    @Test
    void aPatchReleaseFetchesThePatchNotTheFile() throws Exception {
        publish("1.0.0", BIG1);
        assertEquals(0, installFresh().code());
        publish("1.1.0", BIG2);

        Cli.Run r = apply(install);

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode d = r.json().get("download");
        assertEquals("[\"lib/big.bin\"]", d.get("patchesUsed").toString());
        assertEquals(0, d.get("patchesRefused").size());
        long whole = d.get("bytesWhole").asLong();
        long fetched = d.get("bytesFetched").asLong();
        assertEquals(BIG2.length + "run 1.1.0".length(), whole);
        assertTrue(fetched < whole / 10, fetched + " of " + whole);
        assertEquals(whole - fetched, d.get("bytesSaved").asLong());
        assertArrayEquals(BIG2, Files.readAllBytes(install.resolve("lib/big.bin")));
        assertTrue(Files.readString(install.resolve(".rmkit/last-report.json")).contains("\"patchesUsed\""));
    }

    @Test
    void aDamagedPatchFallsBackToTheWholeFileAndTheReportSaysSo() throws Exception {
        publish("1.0.0", BIG1);
        assertEquals(0, installFresh().code());
        publish("1.1.0", BIG2);
        String patchSha = patchOf("releases/stable/1.1.0/manifest.json");
        Path blob = feed.dir().resolve("blobs/" + patchSha);
        byte[] b = Files.readAllBytes(blob);
        b[b.length / 2] ^= 1;
        Files.write(blob, b);

        Cli.Run r = apply(install);

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode d = r.json().get("download");
        assertEquals(0, d.get("patchesUsed").size());
        assertEquals("lib/big.bin", d.get("patchesRefused").get(0).get("path").asText());
        assertTrue(d.get("patchesRefused").get(0).get("reason").asText().startsWith("patch not fetched: SHA-256 mismatch"),
                d.toString());
        assertTrue(d.get("bytesFetched").asLong() > BIG2.length);
        assertArrayEquals(BIG2, Files.readAllBytes(install.resolve("lib/big.bin")));
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void aLocallyChangedFileGetsNoPatchButTheWholeFile() throws Exception {
        publish("1.0.0", BIG1);
        assertEquals(0, installFresh().code());
        publish("1.1.0", BIG2);
        Files.write(install.resolve("lib/big.bin"), HistoryFeed.edit(BIG1, 9));

        Cli.Run r = apply(install);

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode refused = r.json().get("download").get("patchesRefused");
        assertTrue(refused.get(0).get("reason").asText().startsWith("no patch for the installed content"), refused.toString());
        assertArrayEquals(BIG2, Files.readAllBytes(install.resolve("lib/big.bin")));
    }

    @Test
    void anOlderIndexReplayedIsRefused() throws Exception {
        publish("1.0.0", BIG1);
        Path old = tmp.resolve("old-index");
        Files.createDirectories(old);
        Files.copy(feed.dir().resolve("index.json"), old.resolve("index.json"));
        Files.copy(feed.dir().resolve("index.json.sig"), old.resolve("index.json.sig"));
        publish("1.1.0", BIG2);
        assertEquals(0, installFresh().code());

        Files.copy(old.resolve("index.json"), feed.dir().resolve("index.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(old.resolve("index.json.sig"), feed.dir().resolve("index.json.sig"), StandardCopyOption.REPLACE_EXISTING);
        Cli.Run r = apply(install);

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().startsWith("index rollback"), r.out());
        assertEquals("1.1.0", cli.run("status", "--install-dir", install.toString(), "--json").json().get("version").asText());
    }

    @Test
    void anIndexOfAnotherProductIsRefused() throws Exception {
        publish("1.0.0", BIG1);
        assertEquals(0, installFresh().code());
        HistoryFeed other = new HistoryFeed(tmp.resolve("other"));
        other.publish("9.0.0", Map.of("x", "y".getBytes()), "--key", HistoryFeed.key(key).toString(), "--product", "other-app");

        Cli.Run r = cli.run("apply", "--feed", other.dir().toString(), "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().startsWith("wrong product"), r.out());
    }

    @Test
    void aManifestOfAnotherFeedCannotBeMixedIn() throws Exception {
        publish("1.0.0", BIG1);
        assertEquals(0, installFresh().code());
        publish("1.1.0", BIG2);
        HistoryFeed other = new HistoryFeed(tmp.resolve("other"));
        other.publish("1.1.0", Map.of("lib/big.bin", BIG3), "--key", HistoryFeed.key(key).toString(), "--product", "rmkit-burner");
        String m = "releases/stable/1.1.0/manifest.json";
        Files.copy(other.dir().resolve(m), feed.dir().resolve(m), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.dir().resolve(m + ".sig"), feed.dir().resolve(m + ".sig"), StandardCopyOption.REPLACE_EXISTING);

        Cli.Run r = apply(install);

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().startsWith("mix-and-match"), r.out());
        assertArrayEquals(BIG1, Files.readAllBytes(install.resolve("lib/big.bin")));
    }

    private String patchOf(String manifest) throws Exception {
        JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(feed.dir().resolve(manifest).toFile());
        for (JsonNode f : m.get("files")) {
            if (f.get("path").asText().equals("lib/big.bin")) {
                return f.get("patches").get(0).get("sha256").asText();
            }
        }
        throw new AssertionError("no patch in " + manifest);
    }
}
