package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HistoryFeed;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code releases} and {@code trust show}: what a person sees. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class FeedCommandsTest {
    @TempDir Path tmp;
    HistoryFeed feed;
    Path key;
    Cli cli;

    @BeforeEach
    void setUp() {
        feed = new HistoryFeed(tmp.resolve("publisher"));
        key = feed.keygen("k");
        cli = new Cli(tmp.resolve("env"));
        for (String v : new String[] {"1.0.0", "1.1.0"}) {
            feed.publish(v, Map.of("a", v.getBytes()), "--key", HistoryFeed.key(key).toString(), "--product", "rmkit-burner");
        }
        feed.publish("2.0.0-rc.1", Map.of("a", "rc".getBytes()), "--key", HistoryFeed.key(key).toString(), "--channel", "beta");
    }

    @Test
    void releasesListsTheVerifiedIndexNewestFirstAndMarksTheInstalledOne() {
        Path install = tmp.resolve("app");
        assertEquals(0, cli.run("apply", "--feed", feed.dir().toString(), "--install-dir", install.toString(),
                "--trust", HistoryFeed.pub(key).toString()).code());

        Cli.Run text = cli.run("releases", "--feed", feed.dir().toString(), "--install-dir", install.toString());
        assertEquals(0, text.code(), text.err());
        String[] lines = text.out().split("\n");
        assertTrue(lines[0].startsWith("rmkit-burner: index 3 (root 0), 3 releases, expires "), text.out());
        assertTrue(lines[1].matches("  2\\.0\\.0-rc\\.1 +beta +\\S+  \\(newest beta\\)"), lines[1]);
        assertTrue(lines[2].matches("  1\\.1\\.0 +stable +\\S+  \\(newest stable, installed\\)"), lines[2]);
        assertTrue(lines[3].matches("  1\\.0\\.0 +stable +\\S+"), lines[3]);

        JsonNode j = cli.run("releases", "--feed", feed.dir().toString(), "--trust", HistoryFeed.pub(key).toString(),
                "--json").json();
        assertEquals(3, j.get("indexVersion").asInt());
        assertEquals("1.1.0", j.get("releases").get(1).get("version").asText());
        assertTrue(j.get("releases").get(1).get("newest").asBoolean());
        assertTrue(j.get("releases").get(1).get("manifest").asText().endsWith("releases/stable/1.1.0/manifest.json"));
    }

    @Test
    void releasesRefusesAFeedItCannotVerify() {
        Path other = feed.keygen("other");
        Cli.Run r = cli.run("releases", "--feed", feed.dir().toString(), "--trust", HistoryFeed.pub(other).toString());
        assertEquals(ExitCode.REJECTED.code(), r.code());
        assertTrue(r.err().startsWith("updater releases: unknown key"), r.err());
        assertEquals(ExitCode.USAGE.code(), cli.run("releases", "--feed", feed.dir().toString()).code());
    }

    @Test
    void trustShowNamesTheRootItsThresholdAndKeys() {
        Path install = tmp.resolve("app");
        cli.run("apply", "--feed", feed.dir().toString(), "--install-dir", install.toString(), "--trust",
                HistoryFeed.pub(key).toString());
        Cli.Run r = cli.run("trust", "show", "--install-dir", install.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("root 0 (pinned key files, no root document yet): 1 of 1 keys must sign\n  key "), r.out());
        assertTrue(r.out().contains("release index version seen: 3"), r.out());
        Cli.Run file = cli.run("trust", "show", "--root", HistoryFeed.pub(key).toString(), "--json");
        assertEquals(0, file.json().get("version").asInt());
        assertEquals(1, file.json().get("keys").size());
    }
}
