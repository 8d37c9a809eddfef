package dev.rmkit.systemdit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.systemdit.container.Result;
import dev.rmkit.systemdit.container.Step;
import dev.rmkit.systemdit.fixture.Box;
import dev.rmkit.systemdit.fixture.BoxScenario;
import dev.rmkit.systemdit.fixture.Burners;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 14, behaviour 3: {@code updater apply --reboot if-needed} of a release that needs a reboot,
 * with a real {@code systemctl reboot}. The burners of two users (each in its own user manager, with
 * its own runtime directory) are asked, save their state and end; the container reboots with a new boot
 * id; the after-boot unit finishes the update and then brings each burner back exactly once, as its
 * own user, with its state and working directory, also when that runner is killed at its worst moment
 * (an app started, its start not yet recorded).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a systemd-nspawn container of Linux (skipped with the reason where it cannot run)")
class RebootIT extends BoxScenario {

    static final Map<String, Integer> USERS = Map.of("alice", 1000, "bob", 1001);

    Burners burners;

    /** Two users' burners running 1.0 (each with a first session on its disc if {@code burned}); 2.0 published. */
    private void twoUsersBurning(String label, boolean burned) throws Exception {
        box = Box.boot(label, tmp);
        burners = new Burners(box);
        burners.publish(tmp, "1.0");
        box.install(Burners.INSTALL);
        for (Map.Entry<String, Integer> u : USERS.entrySet()) {
            burners.user(u.getKey(), u.getValue());
            burners.start(u.getKey(), u.getValue(), "--speed", "4x");
            if (burned) {
                burners.drop(u.getKey(), "first", "First", 20_000);
                burners.awaitLog(u.getKey(), "^job first: done, session 1 ", Duration.ofSeconds(60));
            }
        }
        burners.publish(tmp, "2.0", "--reboot-required");
    }

    /** Reboots through the updater and checks the container came back with a new boot id. */
    private void rebootThroughTheUpdater(boolean untilRunning) {
        String boot = box.c.bootId();
        Result r = box.c.exec(Box.updaterStep("apply", "--manifest", Box.MANIFEST, "--install-dir", Burners.INSTALL,
                "--reboot", "if-needed"));
        assertEquals(101, r.exit(), r.toString());
        for (String user : USERS.keySet()) {
            assertTrue(burners.log(user).contains("end-session query []: allowed (idle)"), user + ": " + burners.log(user));
        }
        box.c.awaitBoot(2, untilRunning);
        assertNotEquals(boot, box.c.bootId());
    }

    /**
     * Each user's burner is back once, as 2.0, as that user, in its working directory, restored from
     * its saved state; with {@code burned}, it burns a second session onto the same disc.
     */
    private void everyBurnerBackOnce(boolean burned) {
        for (Map.Entry<String, Integer> u : USERS.entrySet()) {
            String user = u.getKey();
            burners.awaitLog(user, "^burner 2\\.0, pid \\d+, restored from /home/" + user + "/burn/inbox/\\.burner-state\\.json",
                    Duration.ofSeconds(120));
            long pid = burners.starts(user, "2.0").get(0);
            burners.awaitLog(user, "^ready: pid " + pid + ",", Duration.ofSeconds(60));
            assertEquals(1, burners.starts(user, "2.0").size(), "started once: " + burners.log(user));
            assertEquals(Integer.toString(u.getValue()), box.sh("awk '/^Uid:/ {print $3}' /proc/" + pid + "/status"), user);
            assertEquals("/home/" + user + "/burn", box.sh("readlink /proc/" + pid + "/cwd"));
            if (burned) {
                burners.drop(user, "second", "Second", 20_000);
                burners.awaitLog(user, "^job second: done, session 2 ", Duration.ofSeconds(60));
            }
        }
        Box.await(() -> box.c.run("systemctl", "is-active", "rmkit-resume-after-boot.service").text().equals("inactive"),
                Duration.ofSeconds(60), "the after-boot runner to finish");
        assertTrue(box.updater("status", "--install-dir", Burners.INSTALL).out().contains("app 2.0"));
        assertEquals("", box.sh("ls /etc/systemd/system | grep 'rmkit-resume.*\\.service$' || true"),
                "every registration removed itself");
    }

    @Test
    void theAppsOfEveryUserComeBackOnceAfterARealReboot() throws Exception {
        twoUsersBurning("reboot: every user's apps come back", true);

        rebootThroughTheUpdater(true);

        everyBurnerBackOnce(true);
    }

    @Test
    void aRunnerKilledAfterStartingAnAppLosesNoAppAndStartsNoneTwice() throws Exception {
        twoUsersBurning("reboot: the after-boot runner killed at its worst moment", false);
        // Whatever starts the apps after the boot pauses right after it started one, before it recorded that.
        box.c.write("/etc/systemd/system/rmkit-resume-after-boot.service.d/pause.conf", "[Service]\n"
                + "Environment=\"JAVA_TOOL_OPTIONS=-Drmkit.test.pauseAt=app-started -Drmkit.test.pauseFile=/run/rmkit-pause\"\n");

        rebootThroughTheUpdater(false); // the boot finishes only once the runner did
        Box.await(() -> !box.read("/run/rmkit-pause").isEmpty(), Duration.ofSeconds(120), "the runner to pause");
        String paused = box.read("/run/rmkit-pause");
        box.c.exec(Step.of("kill", "-KILL", paused)).requireExit(0);
        // Whatever takes over (systemd restarting the runner) pauses at the same point: let it go on from now.
        Box.await(() -> {
            String p = box.read("/run/rmkit-pause");
            if (!p.isEmpty() && !p.equals(paused)) {
                box.c.exec(Step.of("rm", "-f", "/run/rmkit-pause"));
            }
            return USERS.keySet().stream().allMatch(u -> !burners.starts(u, "2.0").isEmpty());
        }, Duration.ofSeconds(120), "every burner back after the kill");

        everyBurnerBackOnce(false);
    }

    @Test
    void theAppsOfAUserWhoIsNotLoggedInAfterTheRebootComeBackAtTheLogin() throws Exception {
        box = Box.boot("reboot: a user who is not logged in gets the apps back at the login", tmp);
        burners = new Burners(box);
        burners.publish(tmp, "1.0");
        box.install(Burners.INSTALL);
        burners.userWithoutLinger("carol", 1002);
        burners.login("carol", 1002);
        burners.start("carol", 1002, "--speed", "4x");
        burners.publish(tmp, "2.0", "--reboot-required");
        String boot = box.c.bootId();

        Result r = box.c.exec(Box.updaterStep("apply", "--manifest", Box.MANIFEST, "--install-dir", Burners.INSTALL,
                "--reboot", "if-needed"));
        assertEquals(101, r.exit(), r.toString());
        box.c.awaitBoot(2, true);
        assertNotEquals(boot, box.c.bootId());
        Box.await(() -> box.c.run("systemctl", "is-active", "rmkit-resume-after-boot.service").text().equals("inactive"),
                Duration.ofSeconds(60), "the after-boot runner to finish");

        assertTrue(box.updater("status", "--install-dir", Burners.INSTALL).out().contains("app 2.0"));
        assertEquals(List.of(), burners.starts("carol", "2.0"), "carol is not logged in: " + burners.log("carol"));
        assertEquals("", box.sh("loginctl list-sessions --no-legend | grep carol || true"));
        String atLogin = "/etc/systemd/system/rmkit-restart-at-login-1002.service";
        assertTrue(box.read(atLogin).contains("After=user@1002.service"), box.read(atLogin));

        burners.login("carol", 1002);

        burners.awaitLog("carol", "^burner 2\\.0, pid \\d+, restored from /home/carol/burn/inbox/\\.burner-state\\.json",
                Duration.ofSeconds(120));
        long pid = burners.starts("carol", "2.0").get(0);
        burners.awaitLog("carol", "^ready: pid " + pid + ",", Duration.ofSeconds(60));
        assertEquals(1, burners.starts("carol", "2.0").size(), burners.log("carol").toString());
        assertEquals("1002", box.sh("awk '/^Uid:/ {print $3}' /proc/" + pid + "/status"));
        assertEquals("/home/carol/burn", box.sh("readlink /proc/" + pid + "/cwd"));
        assertTrue(box.sh("grep '^0::' /proc/" + pid + "/cgroup").startsWith("0::/user.slice/user-1002.slice/user@1002.service/"),
                "in carol's own manager");
        Box.await(() -> box.read(atLogin).isEmpty(), Duration.ofSeconds(60), "the login registration to remove itself");
        assertEquals("", box.sh("ls /etc/systemd/system/user@1002.service.wants 2>/dev/null || true"));
    }
}
