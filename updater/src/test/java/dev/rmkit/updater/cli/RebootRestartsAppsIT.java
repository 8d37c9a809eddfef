package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.linux.system.AfterBoot;
import dev.rmkit.rm.linux.system.LinuxSystemDefaults;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.HeldInstall;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN step 9 with {@code --reboot if-needed} on Linux, with a real cooperating app holding the
 * install: the reboot asks it, it saves its state and exits, and after the (simulated) boot
 * {@code updater resume} installs the release first and then brings the app back, once.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real apps closed and restarted by the Linux backend")
class RebootRestartsAppsIT {

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;
    Path workDir;
    HeldInstall held;

    @BeforeEach
    void installV1() throws Exception {
        held = HeldInstall.of(tmp, ApplyCommandTest.V1);
        feeds = held.feeds();
        cli = held.cli();
        install = held.install();
        workDir = held.workDir();
    }

    @AfterEach
    void stopApps() {
        if (held != null) {
            held.close();
        }
    }

    private JavaProcess startApp(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--app-id", "burner-test"));
        args.addAll(List.of(extra));
        return held.startApp("lib/core.jar", args);
    }

    private Cli.Run applyRebootRequired() {
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");
        return cli.run("apply", "--manifest", m.toString(), "--install-dir", install.toString(), "--reboot", "if-needed",
                "--json");
    }

    @Test
    void theAppSavesItsStateForTheRebootAndComesBackOnceAfterTheUpdate() throws Exception {
        Path state = tmp.resolve("state.txt");
        Path started = tmp.resolve("started.txt");
        JavaProcess app = startApp("--state", state.toString(), "--started", started.toString());
        Files.delete(started);
        Map<String, String> v1 = Trees.snapshot(install);

        Cli.Run r = applyRebootRequired();

        assertEquals(ExitCode.REBOOT_INITIATED.code(), r.code(), r.out() + r.err());
        assertEquals(0, app.awaitExit(Duration.ofSeconds(30)).orElseThrow(), "the app ended its session and exited");
        assertEquals("ended []", Files.readString(state).strip(), "it saved its state before the reboot");
        assertEquals("rebooted", Files.readString(cli.rebootMarker()).strip());
        assertEquals(v1, Trees.snapshot(install), "nothing is installed before the boot");
        assertEquals(List.of("rmkit-resume-after-boot.desktop"), autostartEntries(),
                "one after-boot runner replaced the updater's own resume entry");

        Cli.Run sameBoot = cli.run("resume", "--install-dir", install.toString(), "--json");
        assertEquals(ExitCode.REBOOT_REQUIRED.code(), sameBoot.code(), sameBoot.out());
        assertEquals(0, sameBoot.json().get("appsRestarted").size(), "not before the reboot happened");
        assertFalse(Files.exists(started));

        cli.reboot();
        Cli.Run after = cli.run("resume", "--install-dir", install.toString(), "--json");

        assertEquals(0, after.code(), after.out() + after.err());
        assertEquals("UPDATED", after.json().get("outcome").asText());
        assertEquals(feeds.tree("v2", ApplyCommandTest.V2), Trees.snapshot(install), "the update ran first");
        assertEquals(1, after.json().get("appsRestarted").size(), after.out());
        long newPid = after.json().get("appsRestarted").get(0).get("pid").asLong();
        held.restarted(newPid);
        assertEquals("burner-test", after.json().get("appsRestarted").get(0).get("name").asText());
        JavaProcess.awaitFile(started, Duration.ofSeconds(30));
        JavaProcess.await(() -> lines(started).size() > 3, Duration.ofSeconds(10), "the restarted app's record");
        List<String> lines = lines(started);
        assertEquals(Long.toString(newPid), lines.get(0));
        assertEquals(workDir.toRealPath(), Path.of(lines.get(1)).toRealPath(), "its working directory");
        assertEquals(List.of("--hold", install.resolve("lib/core.jar").toString(), "--app-id", "burner-test", "--state",
                state.toString(), "--started", started.toString(), "--restored"), lines.subList(2, lines.size()));
        JavaProcess.awaitFile(cli.runtimeDir().resolve("apps/" + newPid + ".json"), Duration.ofSeconds(30));

        Cli.Run again = cli.run("resume", "--install-dir", install.toString(), "--json");
        assertEquals(0, again.json().get("appsRestarted").size(), "started once: " + again.out());
        JavaProcess runner = JavaProcess.start(AfterBoot.class, List.of("--state-dir", tmp.resolve("env/sysstate").toString(),
                "--autostart-dir", tmp.resolve("env/autostart").toString(), "--unit-dir", tmp.resolve("env/units").toString()),
                tmp, Map.of(LinuxSystemDefaults.BOOT_ID_ENV, cli.bootId()));
        held.track(runner);
        assertEquals(0, runner.awaitExit(Duration.ofSeconds(60)).orElseThrow(), runner.stderr());
        assertEquals(List.of(), autostartEntries(), "the runner removed itself");
        assertEquals(Long.toString(newPid), lines(started).get(0), "the runner started nothing a second time");
    }

    @Test
    void aRefusalStopsTheRebootAndTheUpdateStaysPending() throws Exception {
        JavaProcess app = startApp("--veto", ApplyHoldersIT.BURNING);

        Cli.Run r = applyRebootRequired();

        assertEquals(ExitCode.REBOOT_REQUIRED.code(), r.code(), r.out() + r.err());
        String notes = r.json().get("notes").toString();
        assertTrue(notes.contains("burner-test") && notes.contains(ApplyHoldersIT.BURNING), notes);
        assertTrue(app.isAlive());
        assertFalse(Files.exists(cli.rebootMarker()), "no reboot");
        assertEquals(List.of("rmkit-resume-" + registrationOf(autostartEntries()) + ".desktop"), autostartEntries());
    }

    @Test
    void withForceARefusalDoesNotStopTheReboot() throws Exception {
        JavaProcess app = startApp("--veto", ApplyHoldersIT.BURNING);
        Path m = feeds.publish("2.0.0", ApplyCommandTest.V2, "--reboot-required");

        Cli.Run r = cli.run("apply", "--manifest", m.toString(), "--install-dir", install.toString(), "--reboot",
                "if-needed", "--force", "--json");

        assertEquals(ExitCode.REBOOT_INITIATED.code(), r.code(), r.out() + r.err());
        assertTrue(Files.exists(cli.rebootMarker()), "rebooted");
        JavaProcess.await(() -> !app.isAlive(), Duration.ofSeconds(30), "the refusing app ended for the forced reboot");
    }

    private static String registrationOf(List<String> entries) {
        return entries.isEmpty() ? "(none)" : entries.get(0).replace("rmkit-resume-", "").replace(".desktop", "");
    }

    private List<String> autostartEntries() throws Exception {
        Path dir = tmp.resolve("env/autostart");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
