package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.schedule.Scheduling;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HeldInstall;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code uninstall} with a cooperating app holding the install: a refusal changes nothing, schedule included. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a cooperating test app through the Linux backend")
class UninstallHoldersIT {

    @TempDir Path tmp;
    HeldInstall held;

    @AfterEach
    void stopApps() {
        if (held != null) {
            held.close();
        }
    }

    @Test
    void aRefusalKeepsTheInstallAndItsScheduleAndTheNextUninstallRemovesBoth() throws Exception {
        held = HeldInstall.of(tmp, ApplyCommandTest.V1);
        Cli cli = held.cli();
        Path install = held.install();
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"https://example.com/m.json\"}");
        assertEquals(0, cli.run("schedule", "install", "--install-dir", install.toString(), "--policy", policy.toString()).code());
        Path timer = cli.units().resolve(Scheduling.name(new InstallLayout(install)) + ".timer");
        Path vetoFile = Files.writeString(tmp.resolve("busy"), ApplyHoldersIT.BURNING);
        JavaProcess app = held.startApp("lib/core.jar", List.of("--veto-file", vetoFile.toString()));
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run refused = cli.run("uninstall", "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.DEFERRED.code(), refused.code(), refused.out() + refused.err());
        assertEquals(before, Trees.snapshot(install));
        assertTrue(Files.exists(timer), "a deferred uninstall keeps the schedule");
        assertFalse(refused.json().get("notes").toString().contains("schedule:"), refused.out());
        assertTrue(app.isAlive());

        Files.delete(vetoFile);
        Cli.Run r = cli.run("uninstall", "--install-dir", install.toString(), "--json");

        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(Files.exists(timer));
        assertTrue(r.json().get("notes").toString().contains("schedule: removed " + timer), r.out());
    }
}
