package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.TestClock;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code updater auto} on installs nobody holds, with the updater's clock injected: the decisions of
 * the policy, the state they leave, and the one history line per run.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class AutoCommandTest {

    @TempDir Path tmp;
    TestClock clock;
    Feeds feeds;
    Cli cli;
    Path install;
    Path policy;

    /** Tomorrow 10:00 UTC: outside the daily 02:00-05:00 window, well before the manifests expire. */
    static Instant tomorrowAt10() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(34));
    }

    @BeforeEach
    void installV1() throws Exception {
        clock = new TestClock(tomorrowAt10());
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"), clock);
        install = tmp.resolve("app");
        Cli.Run r = cli.run("apply", "--manifest", feeds.publish("1.0.0", ApplyCommandTest.V1).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    Path policy(String feed, String extra) throws Exception {
        policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"feed\": \"" + feed + "\", \"timeZone\": \"UTC\","
                + " \"windows\": [{\"start\": \"02:00\", \"end\": \"05:00\"}]" + extra + "}");
        return policy;
    }

    Cli.Run auto() {
        return cli.run("auto", "--install-dir", install.toString(), "--policy", policy.toString(), "--json");
    }

    static List<JsonNode> history(Path install) throws Exception {
        ObjectMapper m = new ObjectMapper();
        return Files.readAllLines(install.resolve(".rmkit/history.jsonl")).stream().map(l -> {
            try {
                return m.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    @Test
    void outsideTheWindowANewReleaseIsStagedAndNothingElse() throws Exception {
        policy(feeds.publish("2.0.0", ApplyCommandTest.V2).toString(), "");
        var before = Trees.snapshot(install);

        Cli.Run r = auto();

        assertEquals(ExitCode.DEFERRED.code(), r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("STAGED", j.get("outcome").asText());
        assertEquals("stage", j.get("auto").get("action").asText());
        assertEquals(clock.instant().toString(), j.get("auto").get("firstSeen").asText());
        assertTrue(j.get("download").get("bytesFetched").asLong() > 0, r.out());
        assertFalse(j.get("phases").has("close"), "no app was asked: " + r.out());
        assertTrue(Files.isDirectory(install.resolve(".rmkit/staging/2.0.0")));
        assertEquals(before, Trees.snapshot(install), "nothing the user has changed");
        assertEquals(r.out().strip(), Files.readAllLines(install.resolve(".rmkit/history.jsonl")).get(1),
                "--json printed the history line");

        Cli.Run status = cli.run("status", "--install-dir", install.toString());
        String tomorrow = java.time.format.DateTimeFormatter.ofPattern("EEE", java.util.Locale.ENGLISH)
                .format(clock.instant().plus(Duration.ofDays(1)).atZone(java.time.ZoneOffset.UTC));
        assertTrue(status.out().contains("unattended: 2.0.0 staged; next try in the window " + tomorrow + " 02:00; forced after "),
                status.out());
    }

    @Test
    void insideTheWindowItUpdatesAndTheStateIsCleared() throws Exception {
        policy(feeds.publish("2.0.0", ApplyCommandTest.V2).toString(), "");
        auto();
        clock.set(clock.instant().plus(Duration.ofHours(17))); // 03:00 the next day

        Cli.Run r = auto();

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("UPDATED", r.json().get("outcome").asText());
        assertEquals("ask", r.json().get("auto").get("action").asText());
        assertEquals(0, r.json().get("download").get("bytesFetched").asLong(), "staged by the first run");
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
        JsonNode state = new ObjectMapper().readTree(install.resolve(".rmkit/auto.json").toFile());
        assertEquals("", state.get("version").asText());
        assertEquals("updated", state.get("lastResult").asText());
        assertEquals(List.of("apply", "auto", "auto"), history(install).stream().map(h -> h.get("command").asText()).toList());
    }

    @Test
    void aReleaseOutsideTheRolloutIsNotYetOfferedAndNothingIsFetched() throws Exception {
        policy(feeds.publish("2.0.0", ApplyCommandTest.V2, "--rollout", "0").toString(), "");
        clock.set(clock.instant().plus(Duration.ofHours(17)));

        Cli.Run r = auto();

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("NOT_OFFERED", r.json().get("outcome").asText());
        assertTrue(r.json().get("message").asText().contains("not yet offered"), r.out());
        assertTrue(r.json().get("rolloutBucket").isNumber(), r.out());
        assertTrue(r.json().get("installId").asText().matches("[0-9a-f]{32}"), r.out());
        assertFalse(Files.exists(install.resolve(".rmkit/staging/2.0.0")));
        assertEquals("", new ObjectMapper().readTree(install.resolve(".rmkit/auto.json").toFile()).get("version").asText(),
                "a release not offered is not seen: its deadline has not started");
    }

    @Test
    void anUnreachableFeedKeepsTheReleaseItsFirstSightAndItsDeferrals() throws Exception {
        Path feed = feeds.publish("2.0.0", ApplyCommandTest.V2);
        policy(feed.toString(), "");
        Instant firstSight = clock.instant();
        auto();
        Files.move(feed, feed.resolveSibling("gone.json"));
        clock.advance(Duration.ofHours(6));

        Cli.Run r = auto();

        assertEquals(ExitCode.USAGE.code(), r.code(), "a local manifest that vanished is bad usage: " + r.out());
        JsonNode state = new ObjectMapper().readTree(install.resolve(".rmkit/auto.json").toFile());
        assertEquals("2.0.0", state.get("version").asText());
        assertEquals(firstSight.toString(), state.get("firstSeen").asText());
        assertEquals("failed", state.get("lastResult").asText());
    }

    @Test
    void aBadPolicyIsOneLineNamingTheFieldAndChangesNothing() throws Exception {
        policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"feed\": \"https://example.com/m.json\", \"windows\": [{\"start\": \"2:00\", \"end\": \"05:00\"}]}");

        Cli.Run r = cli.run("auto", "--install-dir", install.toString(), "--policy", policy.toString());

        assertEquals(ExitCode.USAGE.code(), r.code());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).contains("windows[0].start"), r.err());
        assertEquals("Try 'updater auto --help' for more information.", lines.get(1), "a usage error's pointer to help");
        assertFalse(Files.exists(install.resolve(".rmkit/auto.json")));
    }

    @Test
    void aDirectoryThatIsNotAnInstallIsBadUsageAndGetsNothing() throws Exception {
        policy("https://example.com/m.json", "");
        Path nothing = tmp.resolve("nothing");

        Cli.Run r = cli.run("auto", "--install-dir", nothing.toString(), "--policy", policy.toString());

        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("not an install"), r.err());
        assertFalse(Files.exists(nothing));
    }
}
