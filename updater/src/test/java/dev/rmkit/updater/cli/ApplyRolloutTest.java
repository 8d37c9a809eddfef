package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.rollout.Buckets;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code apply} honours the signed staged rollout: outside it "not yet offered", exit 0, nothing fetched. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class ApplyRolloutTest {

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;

    @BeforeEach
    void installV1() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        assertEquals(0, cli.run("apply", "--manifest", feeds.publish("1.0.0", ApplyCommandTest.V1).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString()).code());
    }

    Cli.Run apply(Path manifest, String... extra) {
        String[] base = {"apply", "--manifest", manifest.toString(), "--install-dir", install.toString(), "--json"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli.run(args);
    }

    @Test
    void outsideTheRolloutNothingIsFetchedAndTheBucketIsReported() throws Exception {
        Cli.Run r = apply(feeds.publish("2.0.0", ApplyCommandTest.V2, "--rollout", "0"));

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("NOT_OFFERED", j.get("outcome").asText());
        String id = Files.readString(install.resolve(".rmkit/install-id")).strip();
        assertEquals(id, j.get("installId").asText());
        JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tmp.resolve("publisher/feed-2.0.0/manifest.json").toFile());
        assertEquals(Buckets.bucket(id, manifest.get("rollout").get("salt").asText()), j.get("rolloutBucket").asDouble());
        assertEquals(0, j.get("download").get("bytesFetched").asLong());
        assertFalse(Files.exists(install.resolve(".rmkit/staging/2.0.0")));
        assertEquals("core 1.0", Files.readString(install.resolve("lib/core.jar")));
    }

    @Test
    void aHaltedReleaseIsOfferedToNobodyAndEveryoneGetsItAtAHundredPercent() throws Exception {
        Path halted = feeds.publish("2.0.0", ApplyCommandTest.V2, "--rollout", "100", "--halt");
        assertEquals("NOT_OFFERED", apply(halted).json().get("outcome").asText());
        assertTrue(apply(halted).json().get("message").asText().contains("halted"));

        Cli.Run r = apply(feeds.publish("2.0.0", ApplyCommandTest.V2, "--rollout", "100"));
        assertEquals("UPDATED", r.json().get("outcome").asText(), r.out());
    }

    @Test
    void ignoreRolloutTakesTheReleaseAnywayAndSaysSo() throws Exception {
        Cli.Run r = apply(feeds.publish("2.0.0", ApplyCommandTest.V2, "--rollout", "0"), "--ignore-rollout");

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("UPDATED", r.json().get("outcome").asText());
        assertTrue(r.json().get("notes").toString().contains("--ignore-rollout"), r.out());
        assertEquals("core 2.0", Files.readString(install.resolve("lib/core.jar")));
    }
}
