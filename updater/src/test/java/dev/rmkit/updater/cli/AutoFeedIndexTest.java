package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.rmkit.updater.testing.HistoryFeed.BIG1;
import static dev.rmkit.updater.testing.HistoryFeed.BIG2;
import static dev.rmkit.updater.testing.HistoryFeed.BIG3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HistoryFeed;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code updater auto} whose policy names a feed's release index ({@code feed} ending in {@code /} or
 * {@code index.json}): the newest release of the followed channel, fetched with its patches, through
 * the index's own checks (an older index replayed is refused and changes nothing).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class AutoFeedIndexTest {
    @TempDir Path tmp;
    HistoryFeed feed;
    Path key;
    Cli cli;
    Path install;

    @BeforeEach
    void install100FromTheFeed() {
        feed = new HistoryFeed(tmp.resolve("publisher"));
        key = feed.keygen("k");
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        feed.publishBig("1.0.0", BIG1, key);
        Cli.Run r = cli.run("apply", "--feed", feed.dir().toString(), "--install-dir", install.toString(), "--trust",
                HistoryFeed.pub(key).toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    private Cli.Run auto(String feedValue) throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"" + feedValue + "\", \"timeZone\": \"UTC\"}");
        return cli.run("auto", "--install-dir", install.toString(), "--policy", policy.toString(), "--json");
    }

    private String version() {
        return cli.run("status", "--install-dir", install.toString(), "--json").json().get("version").asText();
    }

    @Test
    void aFeedDirectoryTakesTheNewestReleaseOfTheChannelWithItsPatch() throws Exception {
        feed.publishBig("1.1.0", BIG2, key);
        feed.publishBig("1.2.0", BIG3, key);
        feed.publishBig("2.0.0-beta.1", HistoryFeed.random(1000, 9), key, "--channel", "beta");

        Cli.Run r = auto(feed.dir() + "/");

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("UPDATED", j.get("outcome").asText());
        assertEquals("1.2.0", j.get("toVersion").asText(), "the newest stable release, not the beta");
        assertEquals("[\"lib/big.bin\"]", j.get("download").get("patchesUsed").toString(), "a patch against 1.0.0's file");
        assertTrue(j.get("download").get("bytesFetched").asLong() < BIG3.length / 10, r.out());
        assertArrayEquals(BIG3, Files.readAllBytes(install.resolve("lib/big.bin")));
        assertEquals(4, new ObjectMapper().readTree(install.resolve(".rmkit/feed.json").toFile()).get("indexVersion").asInt(),
                "the index version is remembered against replays");
        assertEquals(r.out().strip(), lastHistoryLine(), "one history line, printed by --json");
    }

    @Test
    void aFeedsIndexJsonNamesTheIndexToo() throws Exception {
        feed.publishBig("1.1.0", BIG2, key);

        Cli.Run r = auto(feed.dir().resolve("index.json").toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("1.1.0", version());
    }

    @Test
    void anOlderIndexReplayedIsRefusedAndChangesNothing() throws Exception {
        feed.publishBig("1.1.0", BIG2, key);
        Path old = Files.createDirectories(tmp.resolve("old-index"));
        for (String f : List.of("index.json", "index.json.sig")) {
            Files.copy(feed.dir().resolve(f), old.resolve(f));
        }
        feed.publishBig("1.2.0", BIG3, key);
        assertEquals(0, auto(feed.dir() + "/").code());
        assertEquals("1.2.0", version());
        for (String f : List.of("index.json", "index.json.sig")) {
            Files.copy(old.resolve(f), feed.dir().resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run r = auto(feed.dir() + "/");

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().startsWith("index rollback: the feed's index is version 2, this install"
                + " has already seen version 3"), r.out());
        assertEquals(before, Trees.snapshot(install));
        assertEquals("1.2.0", version());
        assertEquals(r.out().strip(), lastHistoryLine());
    }

    @Test
    void aManifestPolicyOnTheSameFeedStillTakesThatManifest() throws Exception {
        feed.publishBig("1.1.0", BIG2, key);
        feed.publishBig("1.2.0", BIG3, key);

        Cli.Run r = auto(feed.dir().resolve("releases/stable/1.1.0/manifest.json").toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("1.1.0", version(), "a manifest policy takes exactly that release");
    }

    private String lastHistoryLine() throws Exception {
        List<String> lines = Files.readAllLines(install.resolve(".rmkit/history.jsonl"));
        return lines.get(lines.size() - 1);
    }
}
