package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HeldInstall;
import dev.rmkit.updater.testing.TestClock;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code updater auto} against real cooperating apps that hold the install's files, with the
 * updater's clock injected: a refusal before the deadline is a counted deferral; past the deadline
 * the apps are warned with the time of the forced close; after the grace period they are closed even
 * though they refuse, and save first; reboots happen only as the policy allows.
 */
@EnabledOnOs(OS.LINUX)
class AutoHoldersIT {

    static final String BURNING = "Burning session 2 of 'Photos' - 40%";

    @TempDir Path tmp;
    TestClock clock;
    HeldInstall held;
    Cli cli;
    Path install;
    Path policy;
    Instant firstSight;

    @BeforeEach
    void installV1() throws Exception {
        firstSight = AutoCommandTest.tomorrowAt10();
        clock = new TestClock(firstSight);
        held = HeldInstall.of(tmp, ApplyCommandTest.V1, clock);
        cli = held.cli();
        install = held.install();
    }

    @AfterEach
    void stopApps() {
        held.close();
    }

    /** Daily window 02:00-05:00 UTC, deadline 2 days, grace 1 day. */
    void policy(Path manifest, String extra) throws Exception {
        policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"" + manifest + "\", \"timeZone\": \"UTC\","
                + " \"windows\": [{\"start\": \"02:00\", \"end\": \"05:00\"}], \"deadline\": \"2d\", \"grace\": \"1d\"" + extra + "}");
    }

    Cli.Run autoAt(Duration sinceFirstSight) {
        clock.set(firstSight.plus(sinceFirstSight));
        Cli.Run r = cli.run("auto", "--install-dir", install.toString(), "--policy", policy.toString(), "--json");
        if (r.out().startsWith("{")) {
            r.json().get("appsRestarted").forEach(a -> held.restarted(a.get("pid").asLong()));
        }
        return r;
    }

    JsonNode state() throws Exception {
        return new ObjectMapper().readTree(install.resolve(".rmkit/auto.json").toFile());
    }

    @Test
    void aRefusingAppDefersUntilTheDeadlineIsWarnedThenAndIsClosedAfterTheGraceHavingSaved() throws Exception {
        policy(held.feeds().publish("2.0.0", ApplyCommandTest.V2), "");
        Path notices = tmp.resolve("notices.txt");
        Path saved = tmp.resolve("saved.txt");
        JavaProcess app = held.startApp("lib/core.jar", List.of("--app-id", "burner", "--veto", BURNING,
                "--notices", notices.toString(), "--state", saved.toString()));

        Cli.Run staged = autoAt(Duration.ZERO);
        assertEquals("STAGED", staged.json().get("outcome").asText(), staged.out());

        Cli.Run refused = autoAt(Duration.ofHours(17)); // 03:00, inside the window
        assertEquals(ExitCode.DEFERRED.code(), refused.code(), refused.out());
        assertEquals(BURNING, refused.json().get("appsRefused").get(0).get("reason").asText());
        assertEquals(0, refused.json().get("appsWarned").size(), "no warning before the deadline");
        assertEquals(1, state().get("deferrals").asInt());
        assertEquals("burner", state().get("lastRefusal").get("app").asText());
        assertFalse(Files.exists(notices));
        String status = cli.run("status", "--install-dir", install.toString()).out();
        assertTrue(status.contains("2.0.0 staged; deferred 1 time, last by burner: " + BURNING), status);

        Cli.Run warned = autoAt(Duration.ofDays(2)); // the deadline, outside the window: asked anyway, and warned
        assertEquals(ExitCode.DEFERRED.code(), warned.code(), warned.out());
        Instant forceAt = firstSight.plus(Duration.ofDays(3));
        assertEquals("burner", warned.json().get("appsWarned").get(0).get("name").asText(), warned.out());
        assertEquals("notice " + forceAt + " update of rmkit-burner to 2.0.0", Files.readString(notices).strip());
        assertEquals(2, state().get("deferrals").asInt());
        assertTrue(app.isAlive());
        assertEquals(Trees.snapshot(install).get("lib/core.jar"), held.feeds().tree("v1", ApplyCommandTest.V1)
                .get("lib/core.jar"), "still the old release");

        Cli.Run forced = autoAt(Duration.ofDays(3)); // deadline + grace
        assertEquals(0, forced.code(), forced.out() + forced.err());
        assertEquals("force", forced.json().get("auto").get("action").asText());
        assertEquals(app.pid(), forced.json().get("appsForced").get(0).get("pid").asLong(), forced.out());
        assertEquals("ended [CLOSE_APP, CRITICAL]", Files.readString(saved).strip(), "the app saved before it went");
        assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent());
        assertEquals(1, forced.json().get("appsRestarted").size(), "and it is back: " + forced.out());
        assertEquals(held.feeds().tree("v2", ApplyCommandTest.V2).get("lib/core.jar"), Trees.snapshot(install).get("lib/core.jar"));
        assertEquals("", state().get("version").asText());
    }

    @Test
    void beforeTheDeadlineAnAppIsNeverForcedWhateverTheWindow() throws Exception {
        policy(held.feeds().publish("2.0.0", ApplyCommandTest.V2), "");
        JavaProcess app = held.startApp("lib/core.jar", List.of("--veto", BURNING));

        for (Duration at : List.of(Duration.ZERO, Duration.ofHours(17), Duration.ofHours(41), Duration.ofHours(47))) {
            Cli.Run r = autoAt(at);
            assertEquals(ExitCode.DEFERRED.code(), r.code(), at + ": " + r.out());
            assertEquals(0, r.json().get("appsClosed").size(), at + ": " + r.out());
        }
        assertTrue(app.isAlive());
        assertEquals(2, state().get("deferrals").asInt(), "asked only inside the two windows");
    }

    @Test
    void aReleaseThatNeedsARebootRebootsOnlyInsideTheWindowWhenThePolicySaysSo() throws Exception {
        policy(held.feeds().publish("2.0.0", ApplyCommandTest.V2, "--reboot-required"), ", \"reboot\": \"in-window\"");

        Cli.Run outside = autoAt(Duration.ZERO);
        assertEquals("STAGED", outside.json().get("outcome").asText(), outside.out());
        assertFalse(Files.exists(cli.rebootMarker()));

        Cli.Run inside = autoAt(Duration.ofHours(17));
        assertEquals(ExitCode.REBOOT_INITIATED.code(), inside.code(), inside.out() + inside.err());
        assertTrue(Files.exists(cli.rebootMarker()), "the reboot command ran");
        assertEquals("reboot-started", state().get("lastResult").asText());
    }

    @Test
    void anAppThatRefusesTheRebootKeepsTheMachineUpAndThatIsACountedDeferral() throws Exception {
        policy(held.feeds().publish("2.0.0", ApplyCommandTest.V2, "--reboot-required"), ", \"reboot\": \"in-window\"");
        JavaProcess app = held.startApp("conf/old.conf", List.of("--app-id", "burner", "--veto", BURNING));

        Cli.Run r = autoAt(Duration.ofHours(17));

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), r.code(), r.out());
        assertFalse(Files.exists(cli.rebootMarker()));
        assertTrue(app.isAlive());
        assertEquals(1, state().get("deferrals").asInt());
        assertTrue(state().get("lastRefusal").get("reason").asText().contains(BURNING), state().toString());
    }

    @Test
    void aRebootThePolicyNeverAllowsIsLeftToTheAdmin() throws Exception {
        policy(held.feeds().publish("2.0.0", ApplyCommandTest.V2, "--reboot-required"), ", \"reboot\": \"never\"");

        Cli.Run inside = autoAt(Duration.ofHours(17));
        Cli.Run later = autoAt(Duration.ofDays(5));

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), inside.code(), inside.out());
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), later.code(), later.out());
        assertEquals("await-reboot", later.json().get("auto").get("action").asText(), later.out());
        assertFalse(Files.exists(cli.rebootMarker()));
        assertTrue(cli.run("status", "--install-dir", install.toString()).out()
                .contains("2.0.0 staged, waits for a reboot"));
    }

    @Test
    void withTheAtDeadlineRuleAPendingRebootOutsideTheWindowWaitsForDeadlinePlusGrace() throws Exception {
        policy(held.feeds().publish("2.0.0", ApplyCommandTest.V2, "--reboot-required"), ", \"reboot\": \"at-deadline\"");
        autoAt(Duration.ZERO); // first seen at 10:00, outside the window: staged

        Cli.Run atDeadline = autoAt(Duration.ofDays(2)); // asked past the deadline, but no reboot outside the window yet
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), atDeadline.code(), atDeadline.out());
        assertFalse(Files.exists(cli.rebootMarker()));

        Cli.Run after = autoAt(Duration.ofDays(3)); // deadline + grace, still outside the window
        assertEquals(ExitCode.REBOOT_INITIATED.code(), after.code(), after.out() + after.err());
        assertEquals("reboot", after.json().get("auto").get("action").asText());
        assertTrue(Files.exists(cli.rebootMarker()));
    }

    @Test
    void everyRunAddsOneHistoryLineAndHistoryShowsThem() throws Exception {
        policy(held.feeds().publish("2.0.0", ApplyCommandTest.V2), "");
        held.startApp("lib/core.jar", List.of("--app-id", "burner", "--veto", BURNING));
        autoAt(Duration.ZERO);
        autoAt(Duration.ofHours(17));

        Cli.Run json = cli.run("history", "--install-dir", install.toString(), "--json");
        Cli.Run text = cli.run("history", "--install-dir", install.toString());

        assertEquals(0, json.code(), json.err());
        List<String> lines = Files.readAllLines(install.resolve(".rmkit/history.jsonl"));
        assertEquals(3, lines.size(), "apply, auto, auto");
        com.fasterxml.jackson.databind.JsonNode runs = ErrorOutputTest.oneObject(json).get("runs");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(i)), runs.get(i));
        }
        assertTrue(text.out().contains("auto") && text.out().contains("refused by burner: " + BURNING), text.out());
    }
}
