package dev.rmkit.updater.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.UpdateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoaderTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String FEED = "\"feed\": \"https://updates.example.com/burner/manifest.json\"";

    static Policy parse(String json) throws UpdateException.Usage {
        return PolicyLoader.parse(json.getBytes(StandardCharsets.UTF_8), "p.json", BERLIN);
    }

    @Test
    void threeLinesAreAPolicyAndEverythingElseHasItsDefault() throws Exception {
        Policy p = parse("{\n  " + FEED + "\n}\n");

        assertEquals(Policy.defaults("https://updates.example.com/burner/manifest.json", BERLIN), p);
        assertEquals(Duration.ofHours(6), p.checkEvery());
        assertEquals(Duration.ofHours(1), p.checkSpread());
        assertEquals(Optional.of(Duration.ofDays(7)), p.deadline());
        assertEquals(Duration.ofDays(1), p.grace());
        assertEquals(RebootRule.NEVER, p.reboot());
        assertTrue(p.windows().isEmpty());
        assertFalse(p.onAcPower());
    }

    @Test
    void readsEveryField() throws Exception {
        Policy p = parse("{" + FEED + ", \"$schema\": \"../manifests/policy.schema.json\", \"format\": 1,"
                + " \"channel\": \"beta\", \"check\": {\"every\": \"2h\", \"spread\": \"15m\"},"
                + " \"windows\": [{\"days\": [\"sat\", \"sun\"], \"start\": \"02:00\", \"end\": \"05:00\"},"
                + "               {\"start\": \"22:30\", \"end\": \"01:00\"}],"
                + " \"timeZone\": \"America/New_York\", \"deadline\": \"P10D\", \"grace\": \"12h\","
                + " \"reboot\": \"in-window\", \"conditions\": {\"onAcPower\": true}}");

        assertEquals(Optional.of("beta"), p.channel());
        assertEquals(Duration.ofHours(2), p.checkEvery());
        assertEquals(Duration.ofMinutes(15), p.checkSpread());
        assertEquals(List.of(new MaintenanceWindow(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), 120, 300),
                new MaintenanceWindow(EnumSet.allOf(DayOfWeek.class), 22 * 60 + 30, 60)), p.windows());
        assertEquals(ZoneId.of("America/New_York"), p.zone());
        assertEquals(Optional.of(Duration.ofDays(10)), p.deadline());
        assertEquals(Duration.ofHours(12), p.grace());
        assertEquals(RebootRule.IN_WINDOW, p.reboot());
        assertTrue(p.onAcPower());
    }

    @Test
    void aDeadlineOfNeverNeverForces() throws Exception {
        Policy p = parse("{" + FEED + ", \"deadline\": \"never\"}");
        assertEquals(Optional.empty(), p.deadline());
        assertEquals(Optional.empty(), p.forceAtOf(java.time.Instant.EPOCH));
    }

    static Stream<Arguments> badPolicies() {
        return Stream.of(
                Arguments.of("{}", "feed"),
                Arguments.of("{" + FEED + ", \"dedline\": \"7d\"}", "dedline: unknown field"),
                Arguments.of("{" + FEED + ", \"check\": {\"evry\": \"1h\"}}", "check.evry: unknown field"),
                Arguments.of("{" + FEED + ", \"windows\": [{\"start\": \"2:00\", \"end\": \"05:00\"}]}", "windows[0].start"),
                Arguments.of("{" + FEED + ", \"windows\": [{\"start\": \"02:00\"}]}", "windows[0]"),
                Arguments.of("{" + FEED + ", \"windows\": [{\"days\": [\"saturday\"], \"start\": \"02:00\", \"end\": \"03:00\"}]}",
                        "windows[0].days[0]"),
                Arguments.of("{" + FEED + ", \"windows\": [{\"start\": \"02:00\", \"end\": \"02:00\"}]}",
                        "windows[0]: end equals start"),
                Arguments.of("{" + FEED + ", \"deadline\": \"7 days\"}", "deadline"),
                Arguments.of("{" + FEED + ", \"deadline\": \"0s\"}", "deadline: duration must be positive"),
                Arguments.of("{" + FEED + ", \"grace\": \"PT-5M\"}", "grace"),
                Arguments.of("{" + FEED + ", \"deadline\": \"never\", \"grace\": \"1d\"}", "grace: has no meaning"),
                Arguments.of("{" + FEED + ", \"check\": {\"every\": \"30s\"}}", "check.every: at least 1m"),
                Arguments.of("{" + FEED + ", \"reboot\": \"always\"}", "reboot"),
                Arguments.of("{" + FEED + ", \"timeZone\": \"Mars/Olympus_Mons\"}", "timeZone: unknown time zone"),
                Arguments.of("{" + FEED + ", \"conditions\": {\"onAcPower\": \"yes\"}}", "conditions.onAcPower"),
                Arguments.of("{\"feed\": \"relative/manifest.json\"}", "feed: a path must be absolute"),
                Arguments.of("{\"feed\": \"ftp://host/manifest.json\"}", "feed: unsupported scheme"),
                Arguments.of("{" + FEED + ", " + FEED + "}", "not JSON"),
                Arguments.of("[1, 2]", "not a JSON object"),
                Arguments.of("{" + FEED + "} trailing", "not JSON"));
    }

    @ParameterizedTest
    @MethodSource("badPolicies")
    void aBadPolicyIsAUsageErrorThatNamesTheField(String json, String named) {
        UpdateException.Usage e = assertThrows(UpdateException.Usage.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith("policy p.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(named), "expected '" + named + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aMissingOrHugeFileIsAUsageError(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("none.json");
        assertTrue(assertThrows(UpdateException.Usage.class, () -> PolicyLoader.load(missing, BERLIN))
                .getMessage().contains("does not exist"));
        Path huge = Files.write(tmp.resolve("huge.json"), new byte[PolicyLoader.MAX_BYTES + 1]);
        assertTrue(assertThrows(UpdateException.Usage.class, () -> PolicyLoader.load(huge, BERLIN))
                .getMessage().contains("larger than"));
    }

    @Test
    void theSamplePoliciesInTheRepositoryAreValid() throws Exception {
        // Surefire runs in the module directory; the samples live in the repository's manifests/.
        Path samples = Path.of("..", "manifests", "samples", "policies");
        List<Path> policies;
        try (Stream<Path> s = Files.list(samples)) {
            policies = s.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertFalse(policies.isEmpty(), "manifests/samples/policies/*.json");
        for (Path f : policies) {
            PolicyLoader.load(f, BERLIN);
        }
    }
}
