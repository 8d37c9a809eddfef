package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestLoader;
import dev.rmkit.updater.manifest.Rollout;
import dev.rmkit.updater.trust.TrustStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code publish --rollout PCT} and {@code --halt}: the rollout is signed into the manifest. */
class PublishRolloutTest {
    @TempDir Path tmp;
    Path feed;
    String err;

    @BeforeEach
    void aKey() throws Exception {
        Files.createDirectories(tmp.resolve("release"));
        Files.writeString(tmp.resolve("release/app.jar"), "app");
        feed = tmp.resolve("feed");
        assertEquals(0, publishArgs("keygen", "--out", tmp.resolve("k").toString()));
    }

    private int publishArgs(String... args) {
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(e), args);
        err = e.toString();
        return code;
    }

    private int publish(String version, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("publish", "--from", tmp.resolve("release").toString(),
                "--version", version, "--out", feed.toString(), "--key", tmp.resolve("k.key").toString(),
                "--product", "rmkit-burner"));
        args.addAll(List.of(extra));
        return publishArgs(args.toArray(String[]::new));
    }

    /** The feed's manifest, through the client's own loader: signature and schema checked. */
    private Manifest manifest() throws Exception {
        TrustStore trust = TrustStore.open(tmp.resolve("install"));
        trust.pinIfEmpty(tmp.resolve("k.pub"));
        return new ManifestLoader(new Fetcher(FetchOptions.defaults()), Clock.systemUTC())
                .load(feed.resolve("manifest.json").toString(), trust).manifest();
    }

    @Test
    void withoutRolloutTheManifestHasNoRolloutField() throws Exception {
        assertEquals(0, publish("1.0.0"), err);
        assertEquals(Optional.empty(), manifest().rollout());
        assertFalse(Files.readString(feed.resolve("manifest.json")).contains("rollout"));
    }

    @Test
    void raisingThePercentageKeepsTheSaltAndANewVersionGetsAFreshOne() throws Exception {
        assertEquals(0, publish("2.0.0", "--rollout", "10"), err);
        Rollout at10 = manifest().rollout().orElseThrow();
        assertEquals(10, at10.percent());
        assertFalse(at10.halted());

        assertEquals(0, publish("2.0.0", "--rollout", "50"), err);
        Rollout at50 = manifest().rollout().orElseThrow();
        assertEquals(new Rollout(50, at10.salt(), false), at50);

        assertEquals(0, publish("2.0.0", "--halt"), err);
        assertEquals(new Rollout(50, at10.salt(), true), manifest().rollout().orElseThrow(), "halted, percent kept");

        assertEquals(0, publish("2.1.0", "--rollout", "10"), err);
        assertNotEquals(at10.salt(), manifest().rollout().orElseThrow().salt());
    }

    @Test
    void aPercentageOutsideZeroToHundredIsBadUsageAndWritesNothing() throws Exception {
        assertEquals(ExitCode.USAGE.code(), publish("2.0.0", "--rollout", "101"));
        assertTrue(err.contains("--rollout takes a percentage from 0 to 100"), err);
        assertFalse(Files.exists(feed.resolve("manifest.json")));
    }
}
