package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.schedule.Scheduling;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Releases;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code updater uninstall}: what the updater installed goes, with its state; nothing else does. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class UninstallCommandTest {

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;

    @BeforeEach
    void installV1AndV2() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        assertEquals(0, cli.run("apply", "--manifest", feeds.publish("1.0.0", ApplyCommandTest.V1).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString()).code());
        assertEquals(0, cli.run("apply", "--manifest", feeds.publish("2.0.0", ApplyCommandTest.V2).toString(),
                "--install-dir", install.toString()).code());
    }

    private Cli.Run uninstall() {
        return cli.run("uninstall", "--install-dir", install.toString(), "--json");
    }

    @Test
    void everyInstalledFileAndTheStateGoUserFilesStayAndAreListed() throws Exception {
        Files.writeString(install.resolve("notes.txt"), "user data");
        Files.writeString(install.resolve("lib/plugin.jar"), "the user's plugin");
        assertTrue(Files.isDirectory(install.resolve(".rmkit/releases")), "a kept release, which goes too");

        Cli.Run r = uninstall();

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("UNINSTALLED", j.get("outcome").asText());
        assertEquals("uninstalled 2.0.0", j.get("message").asText());
        assertEquals("[\"bin/burner\",\"lib/core.jar\",\"lib/new.jar\"]", j.get("removed").toString());
        assertEquals("[\"lib/plugin.jar\",\"notes.txt\"]", j.get("leftInPlace").toString());
        assertEquals(Map.of("lib/", "dir", "lib/plugin.jar", Releases.sha256("the user's plugin"),
                "notes.txt", Releases.sha256("user data")), Trees.snapshot(install));
        assertFalse(Files.exists(install.resolve(".rmkit")), "the updater's state is gone");
        Cli.Run status = cli.run("status", "--install-dir", install.toString());
        assertTrue(status.out().startsWith("nothing installed by the updater"), status.out());
    }

    @Test
    void anInstallOfOnlyManagedFilesLeavesNoDirectory() {
        Cli.Run r = uninstall();

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("[]", r.json().get("leftInPlace").toString());
        assertFalse(Files.exists(install), "nothing was left in it, so the directory is gone too");
    }

    @Test
    void aManagedFileThatChangedSinceItWasInstalledStays() throws Exception {
        Files.writeString(install.resolve("lib/core.jar"), "patched by hand");

        Cli.Run r = uninstall();

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("[\"lib/core.jar\"]", r.json().get("leftInPlace").toString());
        assertTrue(r.json().get("notes").toString().contains("lib/core.jar changed since it was installed"), r.out());
        assertEquals("patched by hand", Files.readString(install.resolve("lib/core.jar")));
    }

    @Test
    void aPendingUpdateIsWithdrawnFirst() throws Exception {
        Path m = feeds.publish("3.0.0", RollbackCommandTest.V3, "--reboot-required");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), cli.run("apply", "--manifest", m.toString(), "--install-dir",
                install.toString()).code());

        Cli.Run r = uninstall();

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.json().get("notes").toString().contains("the update to 3.0.0 that waited for a reboot was withdrawn"),
                r.out());
        try (var s = Files.list(tmp.resolve("env/autostart"))) {
            assertEquals(List.of(), s.toList(), "no resume registration is left");
        }
        assertFalse(Files.exists(install));
    }

    @Test
    void aDirectoryTheUpdaterDoesNotManageIsBadUsageAndUntouched() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("file"), "x");

        Cli.Run r = cli.run("uninstall", "--install-dir", other.toString());

        assertEquals(ExitCode.USAGE.code(), r.code(), r.out() + r.err());
        assertEquals(Map.of("file", Releases.sha256("x")), Trees.snapshot(other));
        assertFalse(Files.exists(other.resolve(".rmkit")));
    }

    @Test
    void theInstallsScheduleIsRemovedWithItAndTheReportSaysSo() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"https://example.com/m.json\"}");
        Cli.Run scheduled = cli.run("schedule", "install", "--install-dir", install.toString(), "--policy", policy.toString());
        assertEquals(0, scheduled.code(), scheduled.out() + scheduled.err());
        String name = Scheduling.name(new InstallLayout(install));
        Path timer = cli.units().resolve(name + ".timer");
        assertTrue(Files.exists(timer), scheduled.out());

        Cli.Run r = uninstall();

        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(Files.exists(timer));
        assertFalse(Files.exists(cli.units().resolve(name + ".service")));
        assertFalse(Files.exists(cli.units().resolve("timers.target.wants/" + name + ".timer"), LinkOption.NOFOLLOW_LINKS));
        String notes = r.json().get("notes").toString();
        assertTrue(notes.contains("schedule: removed " + timer), notes);
        List<String> calls = cli.systemctlCalls();
        assertTrue(calls.get(calls.size() - 3).endsWith("stop " + name + ".timer")
                && calls.get(calls.size() - 2).endsWith("daemon-reload")
                && calls.get(calls.size() - 1).endsWith("reset-failed " + name + ".service " + name + ".timer"), calls.toString());
        assertFalse(Files.exists(install));
    }

    @Test
    void anUninstallWithNothingScheduledSaysSoAndCallsNoSystemctl() {
        Cli.Run r = uninstall();

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.json().get("notes").toString().contains("schedule: nothing registered as "
                + Scheduling.name(new InstallLayout(install))), r.out());
        assertEquals(List.of(), cli.systemctlCalls());
    }

    @Test
    void scheduleRemoveClearsARegistrationLeftBehindByADirectoryNoLongerAnInstall() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"https://example.com/m.json\"}");
        assertEquals(0, cli.run("schedule", "install", "--install-dir", install.toString(), "--policy", policy.toString()).code());
        String name = Scheduling.name(new InstallLayout(install));
        // What a registration outliving its install looks like: the install's files and state are gone.
        new InstallFiles(install.getParent()).deleteTree(install);

        Cli.Run r = cli.run("schedule", "remove", "--install-dir", install.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("removed " + cli.units().resolve(name + ".timer")), r.out());
        assertFalse(Files.exists(cli.units().resolve(name + ".timer")));
        assertFalse(Files.exists(install), "nothing was created for it");
    }
}
