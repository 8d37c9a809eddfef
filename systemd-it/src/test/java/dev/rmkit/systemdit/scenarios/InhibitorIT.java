package dev.rmkit.systemdit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.systemdit.container.Result;
import dev.rmkit.systemdit.container.Step;
import dev.rmkit.systemdit.fixture.Box;
import dev.rmkit.systemdit.fixture.BoxScenario;
import dev.rmkit.systemdit.fixture.Burners;
import dev.rmkit.systemdit.fixture.ServiceRelease;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 14, behaviour 2: real logind inhibitor locks. The burner blocks shutdown and sleep while it
 * burns, with the burn's progress as the reason; the updater does not reboot through another party's
 * block lock unless forced, and names it; and its own delay lock makes a shutdown that arrives during
 * the swap wait for the commit.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a systemd-nspawn container of Linux (skipped with the reason where it cannot run)")
class InhibitorIT extends BoxScenario {

    static final String APP = "/opt/app";
    /** What {@code systemd-inhibit --list} prints for the burner's lock: WHO UID USER PID COMM WHAT WHY MODE. */
    static final Pattern BURNER_LOCK = Pattern.compile(
            "^burner\\s+1000\\s+alice\\s+\\d+\\s+\\S+\\s+shutdown:sleep\\s+(Burning session 1 of 'Photos' \u2014 (\\d+)%)\\s+block$");


    private List<String> locks() {
        return List.of(box.c.run("systemd-inhibit", "--list", "--no-pager", "--no-legend").out().split("\n"));
    }

    private int burnerLockPercent() {
        for (String l : locks()) {
            Matcher m = BURNER_LOCK.matcher(l.strip());
            if (m.matches()) {
                return Integer.parseInt(m.group(2));
            }
        }
        return -1;
    }

    @Test
    void whileBurningTheBurnerHoldsABlockLockWhoseReasonIsTheProgress() throws Exception {
        box = Box.boot("locks: the burner blocks shutdown while it burns", tmp);
        Burners burners = new Burners(box);
        burners.publish(tmp, "1.0");
        box.install(Burners.INSTALL);
        burners.user("alice", 1000);
        // The machine's policy decides who may block shutdown. Alice has no session on a local seat here (where
        // the default policy would let her), so a rule says she may. (logind 252 asks polkit about a lock on
        // shutdown:sleep under the action name of the lid switch, hence every inhibit action.)
        box.c.write("/etc/polkit-1/rules.d/50-burners.rules", "polkit.addRule(function(action, subject) {\n"
                + "  if (action.id.indexOf('org.freedesktop.login1.inhibit-') == 0 && subject.user == 'alice') {\n"
                + "    return polkit.Result.YES;\n  }\n});\n");
        burners.start("alice", 1000, "--speed", "1x");
        burners.drop("alice", "photos", "Photos", 800_000);

        int[] seen = {-1, -1};
        Box.await(() -> (seen[0] = burnerLockPercent()) >= 0, Duration.ofSeconds(60), "the burner's lock in " + "systemd-inhibit --list");
        Box.await(() -> (seen[1] = burnerLockPercent()) > seen[0], Duration.ofSeconds(60),
                "the lock's reason to follow the burn past " + seen[0] + "%: " + locks());
        burners.awaitLog("alice", "^job photos: done, session 1 ", Duration.ofSeconds(120));
        Box.await(() -> burnerLockPercent() < 0, Duration.ofSeconds(30), "the lock to go with the burn: " + locks());

        assertTrue(seen[1] > seen[0], seen[0] + "% then " + seen[1] + "%");
    }

    /** 1.0 installed in /opt/app, a reboot-required 2.0 published. */
    private void rebootRequiredRelease(String label) throws Exception {
        box = Box.boot(label, tmp);
        box.publish(ServiceRelease.write(tmp.resolve("r1"), "1.0", APP, true), "1.0");
        box.install(APP);
        box.publish(ServiceRelease.write(tmp.resolve("r2"), "2.0", APP, true), "2.0", "--reboot-required");
    }

    @Test
    void theUpdaterDoesNotRebootThroughAnotherPartysBlockLockUnlessForced() throws Exception {
        rebootRequiredRelease("locks: another party's block lock stops the reboot");
        box.sh("systemd-run --unit=backup -- systemd-inhibit --what=shutdown --who=backup --why='nightly backup' "
                + "--mode=block sleep infinity");
        Box.await(() -> locks().stream().anyMatch(l -> l.startsWith("backup")), Duration.ofSeconds(30), "the backup's lock");
        String pid = box.sh("systemctl show -p MainPID --value backup.service");

        Result r = box.c.exec(Box.updaterStep("apply", "--manifest", Box.MANIFEST, "--install-dir", APP, "--reboot", "if-needed"));

        assertEquals(100, r.exit(), r.toString());
        assertTrue(r.out().contains("\"backup\" (pid " + pid + ", user root): nightly backup"), r.out());
        assertEquals("b false", box.sh("busctl get-property org.freedesktop.login1 /org/freedesktop/login1 "
                + "org.freedesktop.login1.Manager PreparingForShutdown"), "no shutdown under way");
        assertEquals("", box.sh("systemctl list-jobs --no-legend"));
        assertEquals(1, box.c.boots());

        Result forced = box.c.exec(Box.updaterStep("apply", "--manifest", Box.MANIFEST, "--install-dir", APP, "--reboot",
                "if-needed", "--force"));

        assertEquals(101, forced.exit(), forced.toString());
        box.c.awaitBoot(2);
        Box.await(() -> box.read(APP + "/VERSION").equals("2.0"), Duration.ofSeconds(120), "the update after the boot");
    }

    @Test
    void aShutdownThatArrivesDuringTheSwapWaitsForTheCommit() throws Exception {
        box = Box.boot("locks: a shutdown waits for the commit", tmp);
        box.publish(ServiceRelease.write(tmp.resolve("r1"), "1.0", APP, true), "1.0");
        box.install(APP);
        box.publish(ServiceRelease.write(tmp.resolve("r2"), "2.0", APP, true), "2.0");
        // logind waits 5 s for delay locks by default; the scenario holds the swap as long as it likes.
        box.c.write("/etc/systemd/logind.conf.d/delay.conf", "[Login]\nInhibitDelayMaxSec=300\n");
        box.sh("systemctl restart systemd-logind");
        box.c.run(Step.of("systemd-run", "--unit=upd", "--quiet", "--setenv=RMKIT_JAVA_OPTS=" + Box.JAVA_OPTS
                + " -Drmkit.test.pauseAt=swapped -Drmkit.test.pauseFile=/run/upd.pause", "--", "updater", "apply", "--manifest",
                Box.MANIFEST, "--install-dir", APP)).requireExit(0);
        Box.await(() -> !box.read("/run/upd.pause").isEmpty(), Duration.ofSeconds(60), "the updater paused mid-swap");
        assertTrue(locks().stream().anyMatch(l -> l.matches("^rmkit updater\\s.*\\sshutdown\\s+installing 2\\.0 in /opt/app\\s+delay$")),
                locks().toString());

        box.c.exec(Step.of("systemctl", "reboot")).requireExit(0);
        Box.await(() -> box.sh("busctl get-property org.freedesktop.login1 /org/freedesktop/login1 "
                + "org.freedesktop.login1.Manager PreparingForShutdown").equals("b true"), Duration.ofSeconds(30),
                "logind preparing the reboot");
        assertEquals("active", box.c.run("systemctl", "is-active", "upd.service").text(), "the updater is still swapping");
        assertEquals(1, box.c.boots());

        box.c.exec(Step.of("rm", "/run/upd.pause")).requireExit(0);
        box.c.awaitBoot(2);

        assertEquals("2.0", box.read(APP + "/VERSION"));
        Result status = box.updater("status", "--install-dir", APP);
        assertTrue(status.out().contains("pending: none"), "the commit was recorded before the reboot: " + status);
        assertTrue(status.out().contains("app 2.0"), status.toString());
    }
}
