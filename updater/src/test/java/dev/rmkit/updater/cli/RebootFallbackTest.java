package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN step 9 on Linux: pending work in the journal, a resume registration, the reboot command, resume after boot. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class RebootFallbackTest {

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

    private List<Path> registrations() throws Exception {
        try (var s = Files.list(tmp.resolve("env/autostart"))) {
            return s.toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        }
    }

    @Test
    void cancelWithdrawsAPendingUpdateAndLeavesTheInstallExactlyOld() throws Exception {
        Map<String, String> before = Trees.snapshot(install);
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), cli.run("apply", "--manifest", m.toString(), "--install-dir",
                install.toString()).code());
        assertEquals(1, registrations().size());

        Cli.Run c = cli.run("cancel", "--install-dir", install.toString(), "--json");

        assertEquals(0, c.code(), c.out() + c.err());
        assertEquals("the update to 2.0.0 that waited for a reboot was withdrawn; the install is 1.0.0",
                c.json().get("message").asText());
        assertEquals(List.of(), registrations(), "the resume registration is gone");
        assertEquals("none", cli.run("status", "--install-dir", install.toString(), "--json").json().get("pending").asText());
        assertFalse(Files.exists(install.resolve(".rmkit/staging/2.0.0")), "the staged files are gone");
        cli.reboot();
        assertEquals("NOTHING_TO_RESUME", cli.run("resume", "--install-dir", install.toString(), "--json").json()
                .get("outcome").asText());
        assertEquals(before, Trees.snapshot(install));
        assertEquals(0, cli.run("apply", "--manifest", feeds.publish("2.1.0", ApplyCommandTest.V2).toString(),
                "--install-dir", install.toString()).code(), "another version can be applied");
        assertEquals("NOTHING_TO_CANCEL", cli.run("cancel", "--install-dir", install.toString(), "--json").json()
                .get("outcome").asText());
        assertEquals(ExitCode.USAGE.code(), cli.run("cancel", "--install-dir", tmp.resolve("none").toString()).code());
        assertFalse(Files.exists(tmp.resolve("none")), "cancel creates nothing");
    }

    @Test
    void aReleaseThatNeedsARebootIsScheduledThenFinishedByResumeAfterTheBoot() throws Exception {
        Map<String, String> before = Trees.snapshot(install);
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");

        Cli.Run r = cli.run("apply", "--manifest", m.toString(), "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), r.code(), r.out() + r.err());
        assertEquals("required", r.json().get("reboot").asText());
        assertEquals(before, Trees.snapshot(install), "nothing changes before the boot");
        assertEquals("reboot", cli.run("status", "--install-dir", install.toString(), "--json").json()
                .get("pending").asText());
        assertEquals(1, registrations().size());
        String entry = Files.readString(registrations().get(0));
        assertTrue(entry.contains(" resume --install-dir " + install), entry);

        Cli.Run early = cli.run("resume", "--install-dir", install.toString(), "--json");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), early.code(), early.out());
        assertEquals(before, Trees.snapshot(install));
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), cli.run("apply", "--manifest", m.toString(), "--install-dir",
                install.toString()).code(), "applying the same release again only repeats: reboot required");

        cli.reboot();
        Cli.Run after = cli.run("resume", "--install-dir", install.toString(), "--json");

        assertEquals(0, after.code(), after.out() + after.err());
        assertEquals("UPDATED", after.json().get("outcome").asText());
        assertEquals("[\"lib/core.jar\"]", after.json().get("replaced").toString());
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
        assertEquals(List.of(), registrations(), "the one-shot registration is gone");
        assertEquals("2.0.0", cli.run("status", "--install-dir", install.toString(), "--json").json()
                .get("version").asText());
        assertEquals("NOTHING_TO_RESUME", cli.run("resume", "--install-dir", install.toString(), "--json").json()
                .get("outcome").asText());
    }

    @Test
    void aHealthCheckGivenToAnUpdateThatFinishesAfterTheBootRunsThereAndAFailureRollsItBack() throws Exception {
        Map<String, String> before = Trees.snapshot(install);
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), cli.run("apply", "--manifest", m.toString(), "--install-dir",
                install.toString(), "--health-check", "sh -c 'echo core is broken; exit 3'").code());

        cli.reboot();
        Cli.Run after = cli.run("resume", "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.FAILED.code(), after.code(), after.out() + after.err());
        assertEquals("ROLLED_BACK", after.json().get("outcome").asText(), after.out());
        assertTrue(after.json().get("message").asText().contains("exited 3: core is broken; rolled back to 1.0.0"),
                after.out());
        assertEquals(before, Trees.snapshot(install), "exactly the old release, user files kept");
        assertEquals("1.0.0", cli.run("status", "--install-dir", install.toString(), "--json").json()
                .get("version").asText());
        assertEquals(List.of(), registrations(), "the one-shot registration is gone");
    }

    @Test
    void aPassingHealthCheckAfterTheBootKeepsTheUpdateAndOnlyTheReleasesAskedFor() throws Exception {
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), cli.run("apply", "--manifest", m.toString(), "--install-dir",
                install.toString(), "--keep-releases", "0", "--health-check", "sh -c 'test -f lib/new.jar'").code());
        assertTrue(Files.exists(install.resolve(".rmkit/journal.json")), "waits in the journal");

        cli.reboot();
        Cli.Run after = cli.run("resume", "--install-dir", install.toString(), "--json");

        assertEquals(0, after.code(), after.out() + after.err());
        assertEquals("UPDATED", after.json().get("outcome").asText());
        assertTrue(after.json().get("notes").toString().contains("health check passed"), after.out());
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
        assertFalse(Files.exists(install.resolve(".rmkit/releases")), "--keep-releases 0 once the check passed");
    }

    @Test
    void aStagedReleaseListsNothingAsReplacedAndSaysWhatTheBootWillDo() throws Exception {
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");

        Cli.Run text = cli.run("apply", "--manifest", m.toString(), "--install-dir", install.toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                install.resolve(".rmkit/last-report.json").toFile());

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), text.code(), text.out() + text.err());
        assertFalse(text.out().contains("replaced ("), text.out());
        assertTrue(text.out().contains("note: nothing is installed yet; at the next boot: "), text.out());
        assertEquals("[]", json.get("replaced").toString(), json.toString());
        assertEquals("[]", json.get("added").toString(), json.toString());
        assertTrue(json.get("notes").toString().contains("replace lib/core.jar"), json.toString());
        Cli.Run help = cli.run("--help");
        assertTrue(help.out().contains(ExitCode.REBOOT_REQUIRED.code() + "  staged, not yet installed"), help.out());
    }

    @Test
    void rebootIfNeededRunsTheConfiguredRebootCommand() throws Exception {
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");

        Cli.Run r = cli.run("apply", "--manifest", m.toString(), "--install-dir", install.toString(), "--reboot",
                "if-needed", "--json");

        assertEquals(ExitCode.REBOOT_INITIATED.code(), r.code(), r.out() + r.err());
        assertEquals("initiated", r.json().get("reboot").asText());
        assertEquals("rebooted", Files.readString(cli.rebootMarker()).strip());
    }

    @Test
    void applyingTheStagedReleaseAgainWithRebootIfNeededReboots() throws Exception {
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), cli.run("apply", "--manifest", m.toString(), "--install-dir",
                install.toString()).code());

        Cli.Run r = cli.run("apply", "--manifest", m.toString(), "--install-dir", install.toString(), "--reboot",
                "if-needed", "--json");

        assertEquals(ExitCode.REBOOT_INITIATED.code(), r.code(), r.out() + r.err());
        assertEquals("rebooted", Files.readString(cli.rebootMarker()).strip());
    }

    @Test
    void anotherReleaseWaitsUntilThePendingOneFinished() {
        Path pending = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), cli.run("apply", "--manifest", pending.toString(),
                "--install-dir", install.toString()).code());
        Path newer = feeds.publish("3.0.0", Map.of("bin/burner", "burner 3"));

        Cli.Run r = cli.run("apply", "--manifest", newer.toString(), "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.DEFERRED.code(), r.code(), r.out());
        assertTrue(r.json().get("message").asText().contains("waits for a reboot"), r.out());
    }
}
