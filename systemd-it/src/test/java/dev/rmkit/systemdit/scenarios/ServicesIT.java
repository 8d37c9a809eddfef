package dev.rmkit.systemdit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.systemdit.container.Result;
import dev.rmkit.systemdit.container.Step;
import dev.rmkit.systemdit.fixture.Box;
import dev.rmkit.systemdit.fixture.BoxScenario;
import dev.rmkit.systemdit.fixture.ServiceRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 14, behaviour 1: the processes that hold an install's files are systemd services. They are
 * stopped and started again through systemd (system services through the system manager, a user's
 * services through that user's manager), a service on needrestart's never-restart list makes the
 * update wait for a reboot, and a service that does not come back is reported with an exit code that
 * says so.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a systemd-nspawn container of Linux (skipped with the reason where it cannot run)")
class ServicesIT extends BoxScenario {

    static final String APP = "/opt/app";


    /** 1.0 installed in /opt/app and running as {@code unit} (a system service); 2.0 published. */
    private void serviceRunning(String label, String unit, boolean v2Starts) throws Exception {
        box = Box.boot(label, tmp);
        box.publish(ServiceRelease.write(tmp.resolve("r1"), "1.0", APP, true), "1.0");
        box.install(APP);
        box.c.write("/etc/systemd/system/" + unit, ServiceRelease.unit(APP));
        box.sh("systemctl daemon-reload && systemctl start " + unit);
        box.publish(ServiceRelease.write(tmp.resolve("r2"), "2.0", APP, v2Starts), "2.0");
    }

    private String mainPid(String unit) {
        return box.sh("systemctl show -p MainPID --value " + unit);
    }

    @Test
    void aServiceHoldingTheInstallIsStoppedAndStartedAgainThroughSystemd() throws Exception {
        serviceRunning("services: stopped and started through systemd", "app.service", true);
        String before = mainPid("app.service");

        Result r = box.updater("apply", "--manifest", Box.MANIFEST, "--install-dir", APP);

        assertEquals(0, r.exit(), r.toString());
        assertEquals("active", box.sh("systemctl is-active app.service"));
        String after = mainPid("app.service");
        assertNotEquals(before, after, "a new main process");
        assertTrue(r.out().contains("closed: app.service (pid " + before + ")"), r.out());
        assertTrue(r.out().contains("restarted: app.service (pid " + after + ")"), r.out());
        assertEquals("2.0", box.sh("cat /proc/" + after + "/fd/3"), "the new process holds the new file");
        String journal = box.sh("journalctl -u app.service -o cat --no-pager");
        assertTrue(journal.contains("Stopped app.service"), "a stop job of systemd's, not a signal behind its back: " + journal);
        assertTrue(journal.contains("serving 2.0"), journal);
    }

    @Test
    void aServiceOnTheNeverRestartListMakesTheUpdateWaitForAReboot() throws Exception {
        serviceRunning("services: a display manager is never restarted", "lightdm.service", true);
        String before = mainPid("lightdm.service");

        Result r = box.updater("apply", "--manifest", Box.MANIFEST, "--install-dir", APP);

        assertEquals(100, r.exit(), r.toString());
        assertTrue(r.out().contains("lightdm.service"), "the report names the unit: " + r.out());
        assertEquals("active", box.sh("systemctl is-active lightdm.service"));
        assertEquals(before, mainPid("lightdm.service"), "never stopped");
        assertEquals("1.0", box.read(APP + "/VERSION"), "the install waits for the reboot");
        String journal = box.sh("journalctl -u lightdm.service -o cat --no-pager");
        assertTrue(!journal.contains("Stopping") && !journal.contains("Deactivated"), journal);
    }

    @Test
    void aUserServiceIsStoppedAndStartedAgainThroughItsUsersManager() throws Exception {
        box = Box.boot("services: a user service through the user's manager", tmp);
        box.publish(ServiceRelease.write(tmp.resolve("r1"), "1.0", APP, true), "1.0");
        box.install(APP);
        box.sh("useradd -m -u 1000 alice && loginctl enable-linger alice");
        Box.await(() -> box.c.run(user("systemctl", "--user", "is-system-running")).text().equals("running"),
                java.time.Duration.ofSeconds(60), "alice's user manager");
        box.c.write("/home/alice/.config/systemd/user/app.service", ServiceRelease.unit(APP));
        box.sh("chown -R alice:alice /home/alice/.config");
        box.c.run(user("systemctl", "--user", "start", "app.service")).requireExit(0);
        String before = box.c.run(user("systemctl", "--user", "show", "-p", "MainPID", "--value", "app.service")).text();
        box.publish(ServiceRelease.write(tmp.resolve("r2"), "2.0", APP, true), "2.0");

        Result r = box.updater("apply", "--manifest", Box.MANIFEST, "--install-dir", APP);

        assertEquals(0, r.exit(), r.toString());
        assertEquals("active", box.c.run(user("systemctl", "--user", "is-active", "app.service")).text());
        String after = box.c.run(user("systemctl", "--user", "show", "-p", "MainPID", "--value", "app.service")).text();
        assertNotEquals(before, after);
        assertTrue(r.out().contains("restarted: app.service (pid " + after + ")"), r.out());
        assertEquals("0::/user.slice/user-1000.slice/user@1000.service/app.slice/app.service",
                box.sh("grep '^0::' /proc/" + after + "/cgroup"), "started by alice's own manager");
        assertEquals("2.0", box.sh("cat /proc/" + after + "/fd/3"));
    }

    @Test
    void aServiceThatFailsToStartAgainIsReportedAndTheExitCodeSaysSo() throws Exception {
        serviceRunning("services: a service that does not come back", "app.service", false);

        Result r = box.updater("apply", "--manifest", Box.MANIFEST, "--install-dir", APP);

        assertEquals(71, r.exit(), "updated, but not everything came back: " + r);
        assertEquals("2.0", box.read(APP + "/VERSION"), "the update itself is in");
        assertTrue(r.out().matches("(?s).*app\\.service.*not restarted: .*systemctl start app\\.service.*"), r.out());
        assertEquals("failed", box.c.run("systemctl", "is-active", "app.service").text());
    }

    private static Step user(String... argv) {
        return Step.of(argv).as("alice").env("XDG_RUNTIME_DIR", "/run/user/1000");
    }
}
