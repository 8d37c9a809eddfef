package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.LinuxPlatform;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.testing.FakeWindowsSystem;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN step 9, Windows half, run on Linux against a fake system side: the swap's renames are
 * scheduled with MoveFileEx, resume is a RunOnce entry, and after the boot resume commits only if the
 * OS did every rename, else rolls back to exactly the old release.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "only the system side is the Windows fake; the session side is the Linux backend")
class WindowsRebootFallbackTest {

    @TempDir Path tmp;
    Feeds feeds;
    FakeWindowsSystem windows;
    UpdaterContext ctx;
    Path install;
    Path v2;

    @BeforeEach
    void installV1() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        install = tmp.resolve("app");
        useSystem(FakeWindowsSystem.perMachine());
        assertEquals(0, run("apply", "--manifest", feeds.publish("1.0.0", ApplyCommandTest.V1).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString()).get("exitCode").asInt());
        v2 = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");
    }

    private void useSystem(FakeWindowsSystem system) {
        windows = system;
        LinuxConfig config = LinuxConfig.withRuntimeDir(tmp.resolve("runtime"));
        ctx = new UpdaterContext(() -> new LinuxPlatform(config), () -> windows,
                new Fetcher(FetchOptions.defaults().withAttempts(2, 4)), Clock.systemUTC(), () -> windows.bootId(),
                UpdaterContext::javaResumeCommand, Duration.ofMillis(100), ProgressSink.NONE);
    }

    private JsonNode run(String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add("--json");
        int code = Main.run(ctx, new PrintWriter(out), new PrintWriter(new StringWriter()), all.toArray(String[]::new));
        try {
            JsonNode j = new ObjectMapper().readTree(out.toString());
            if (j.has("exitCode")) {
                assertEquals(code, j.get("exitCode").asInt(), out.toString());
            }
            return j;
        } catch (java.io.IOException e) {
            throw new AssertionError(out.toString(), e);
        }
    }

    private JsonNode apply(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("apply", "--manifest", v2.toString(), "--install-dir",
                install.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private String pending() {
        return run("status", "--install-dir", install.toString()).get("pending").asText();
    }

    @Test
    void theRenamesAreScheduledForTheBootAndResumeCommitsOnceTheyHappened() throws Exception {
        Map<String, String> v1 = Trees.snapshot(install);

        JsonNode r = apply();

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), r.get("exitCode").asInt(), r.toString());
        assertEquals(v1, Trees.snapshot(install), "nothing changes before the boot");
        assertEquals("reboot", pending());
        assertEquals(1, windows.registrations().size(), "resume is registered");
        assertTrue(windows.registrations().values().iterator().next().containsAll(List.of("resume", "--install-dir",
                install.toString())));
        List<PendingReplacement> renames = windows.pendingReplacements();
        Path core = install.resolve("lib/core.jar");
        int backup = indexOf(renames, p -> p.source().equals(core) && p.target().orElseThrow().toString().contains("/.rmkit/backup/"));
        int installNew = indexOf(renames, p -> p.target().equals(Optional.of(core)));
        assertTrue(backup >= 0 && installNew > backup, "old file to the backup first, then the staged file: " + renames);
        assertTrue(renames.stream().anyMatch(p -> p.source().equals(install.resolve("conf/old.conf"))), renames.toString());
        assertTrue(renames.stream().anyMatch(p -> p.target().equals(Optional.of(install.resolve("lib/new.jar")))));
        assertEquals(4, renames.size(), renames.toString());

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), run("resume", "--install-dir", install.toString())
                .get("exitCode").asInt(), "the renames are still pending: this is the same boot");

        windows.boot(Set.of());
        JsonNode after = run("resume", "--install-dir", install.toString());

        assertEquals(0, after.get("exitCode").asInt(), after.toString());
        assertEquals("UPDATED", after.get("outcome").asText());
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
        assertEquals("none", pending());
        assertEquals(Map.of(), windows.registrations(), "the resume registration is gone");
        assertFalse(Files.exists(install.resolve(".rmkit/backup")) && Files.list(install.resolve(".rmkit/backup"))
                .findAny().isPresent(), "backups deleted after the commit");
    }

    @Test
    void cancelWithdrawsTheScheduledRenamesAndAnotherVersionCanBeApplied() throws Exception {
        Map<String, String> v1 = Trees.snapshot(install);
        windows.replaceAtReboot(new PendingReplacement(Files.writeString(tmp.resolve("another program's"), "x"),
                Optional.empty()));
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), apply().get("exitCode").asInt());

        JsonNode c = run("cancel", "--install-dir", install.toString());

        assertEquals(0, c.get("exitCode").asInt(), c.toString());
        assertEquals("CANCELLED", c.get("outcome").asText());
        assertEquals(List.of(new PendingReplacement(tmp.resolve("another program's"), Optional.empty())),
                windows.pendingReplacements(), "only the install's renames are withdrawn");
        assertEquals(Map.of(), windows.registrations(), "the resume registration is gone");
        assertEquals("none", pending());
        assertFalse(Files.exists(install.resolve(".rmkit/staging/2.0.0")), "the staged files are gone");
        assertFalse(Files.exists(install.resolve(".rmkit/backup")) && Files.list(install.resolve(".rmkit/backup"))
                .findAny().isPresent(), "the directories made for the renames are gone");
        windows.boot(Set.of());
        assertEquals(v1, Trees.snapshot(install), "the boot does nothing to the install");
        JsonNode next = run("apply", "--manifest", feeds.publish("2.1.0", ApplyCommandTest.V2).toString(),
                "--install-dir", install.toString());
        assertEquals(0, next.get("exitCode").asInt(), "another version can be applied: " + next);
    }

    @Test
    void aRenameTheBootCouldNotDoIsRolledBackToExactlyTheOldRelease() {
        Map<String, String> v1 = Trees.snapshot(install);
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), apply().get("exitCode").asInt());
        Path lockedStaged = windows.pendingReplacements().stream().map(PendingReplacement::source)
                .filter(p -> p.endsWith("lib/new.jar")).findFirst().orElseThrow();

        windows.boot(Set.of(lockedStaged));
        JsonNode after = run("resume", "--install-dir", install.toString());

        assertEquals(ExitCode.FAILED.code(), after.get("exitCode").asInt(), after.toString());
        assertEquals(v1, Trees.snapshot(install));
        assertEquals("none", pending());
        assertEquals("1.0.0", run("status", "--install-dir", install.toString()).get("version").asText());
    }

    @Test
    void rebootIfNeededRebootsRestartingApps() {
        JsonNode r = apply("--reboot", "if-needed");

        assertEquals(ExitCode.REBOOT_INITIATED.code(), r.get("exitCode").asInt(), r.toString());
        assertEquals(1, windows.reboots());
        assertEquals(0, windows.forcedReboots(), "without --force the apps may refuse the reboot");
    }

    @Test
    void forceForcesTheRebootToo() {
        JsonNode r = apply("--reboot", "if-needed", "--force");

        assertEquals(ExitCode.REBOOT_INITIATED.code(), r.get("exitCode").asInt(), r.toString());
        assertEquals(1, windows.forcedReboots());
    }

    @Test
    void whenNothingCanBeScheduledNothingChanges() {
        useSystem(FakeWindowsSystem.perMachine().failingAt(0));
        Map<String, String> v1 = Trees.snapshot(install);

        JsonNode r = apply();

        assertEquals(ExitCode.FAILED.code(), r.get("exitCode").asInt(), r.toString());
        assertTrue(r.get("message").asText().contains("Access is denied"), r.toString());
        assertEquals(v1, Trees.snapshot(install));
        assertEquals("none", pending());
        assertEquals(Map.of(), windows.registrations());
    }

    @Test
    void aPartlyScheduledSwapIsUndoneAfterTheBoot() {
        useSystem(FakeWindowsSystem.perMachine().failingAt(2));
        Map<String, String> v1 = Trees.snapshot(install);

        JsonNode r = apply();

        assertEquals(ExitCode.FAILED.code(), r.get("exitCode").asInt(), r.toString());
        assertTrue(r.get("message").asText().contains("only 2 of the 4 renames"), r.toString());
        assertEquals(1, windows.registrations().size(), "resume stays registered to undo them");
        windows.boot(Set.of());
        assertEquals(ExitCode.FAILED.code(), run("resume", "--install-dir", install.toString()).get("exitCode").asInt());
        assertEquals(v1, Trees.snapshot(install));
        assertEquals(Map.of(), windows.registrations());
    }

    @Test
    void aLogonBeforeTheRebootThatUsesUpTheRegistrationDoesNotLoseTheResume() {
        useSystem(FakeWindowsSystem.perMachine().usedUpByLogon());
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), apply().get("exitCode").asInt());

        List<List<String>> ranAtLogon = windows.logon(); // a logoff/logon or a fast user switch before the reboot
        assertEquals(1, ranAtLogon.size());
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), run("resume", "--install-dir", install.toString())
                .get("exitCode").asInt(), "the renames are still pending: this is the same boot");

        assertEquals(1, windows.registrations().size(), "resume registered itself again for the real boot");
        windows.boot(Set.of());
        List<List<String>> afterBoot = windows.logon();
        assertEquals(1, afterBoot.size(), "exactly one resume runs after the boot");
        assertEquals(0, run("resume", "--install-dir", install.toString()).get("exitCode").asInt());
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
        assertEquals(Map.of(), windows.registrations());
    }

    @Test
    void aPerUserInstallWaitsInTheJournalAndSwapsAfterTheBoot() {
        useSystem(FakeWindowsSystem.perUser());
        Map<String, String> v1 = Trees.snapshot(install);

        JsonNode r = apply();

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), r.get("exitCode").asInt(), r.toString());
        assertEquals(List.of(), windows.pendingReplacements(), "no MOVEFILE_DELAY_UNTIL_REBOOT without elevation");
        assertEquals(1, windows.registrations().size());
        assertEquals(v1, Trees.snapshot(install));
        windows.correctClock(Duration.ofSeconds(7)); // the clock is corrected: still the same boot
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), run("resume", "--install-dir", install.toString())
                .get("exitCode").asInt());
        assertEquals(v1, Trees.snapshot(install), "nothing is swapped before the boot");

        windows.boot(Set.of());
        JsonNode after = run("resume", "--install-dir", install.toString());

        assertEquals(0, after.get("exitCode").asInt(), after.toString());
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install));
        assertEquals(Map.of(), windows.registrations());
    }

    @Test
    void aPerUserSwapAfterTheBootIsNotDoneThroughALinkMadeWhileItWaited() throws Exception {
        useSystem(FakeWindowsSystem.perUser());
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), apply().get("exitCode").asInt());
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.move(install.resolve("lib"), outside.resolve("lib"));
        Path link = Files.createSymbolicLink(install.resolve("lib"), outside.resolve("lib"));
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        windows.boot(Set.of());
        JsonNode after = run("resume", "--install-dir", install.toString());

        assertEquals(ExitCode.FAILED.code(), after.get("exitCode").asInt(), after.toString());
        assertTrue(after.get("message").asText().contains("lib is a symbolic link"), after.toString());
        assertEquals(outsideBefore, Trees.snapshot(outside), "nothing written, renamed or deleted through the link");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("none", pending());
        assertEquals("1.0.0", run("status", "--install-dir", install.toString()).get("version").asText());
    }

    @Test
    void aRefusedRebootIsReportedAsRequiredWithTheAppNamed() {
        useSystem(FakeWindowsSystem.perMachine().refusingApp("burner"));

        JsonNode r = apply("--reboot", "if-needed");

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), r.get("exitCode").asInt(), r.toString());
        assertEquals(0, windows.reboots());
        assertTrue(r.toString().contains("burner (pid 4242)"), r.toString());
        assertEquals(1, windows.registrations().size(), "resume stays registered for the reboot the user makes");
    }

    private static int indexOf(List<PendingReplacement> renames, java.util.function.Predicate<PendingReplacement> match) {
        for (int i = 0; i < renames.size(); i++) {
            if (match.test(renames.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
