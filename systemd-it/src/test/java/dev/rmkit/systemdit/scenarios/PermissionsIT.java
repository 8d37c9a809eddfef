package dev.rmkit.systemdit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.systemdit.container.Result;
import dev.rmkit.systemdit.container.Step;
import dev.rmkit.systemdit.fixture.Box;
import dev.rmkit.systemdit.fixture.BoxScenario;
import dev.rmkit.systemdit.fixture.Burners;
import dev.rmkit.systemdit.fixture.ServiceRelease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 14, behaviour 5: a user's updater cannot see root's daemons, and says what to do about it; a
 * root updater starts every app it closed again as the app's own user, in that user's service manager,
 * where it outlives the updater (and the unit the updater ran in).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a systemd-nspawn container of Linux (skipped with the reason where it cannot run)")
class PermissionsIT extends BoxScenario {


    @Test
    void aUsersUpdaterIsToldToRunAsRootToSeeEveryProcess() throws Exception {
        box = Box.boot("permissions: a user's updater among root daemons", tmp);
        String app = "/home/alice/app";
        box.sh("useradd -m -u 1000 alice");
        box.publish(ServiceRelease.write(tmp.resolve("r1"), "1.0", app, true), "1.0");
        box.c.run(Box.updaterStep("apply", "--manifest", Box.MANIFEST, "--install-dir", app, "--trust", Box.KEY).as("alice"))
                .requireExit(0);
        box.publish(ServiceRelease.write(tmp.resolve("r2"), "2.0", app, true), "2.0");

        Result r = box.c.run(Box.updaterStep("apply", "--manifest", Box.MANIFEST, "--install-dir", app).as("alice"));
        Result holders = box.c.run(Box.updaterStep("holders", app + "/VERSION").as("alice"));

        assertEquals(77, r.exit(), r.toString());
        assertTrue(r.out().contains("run as root to see every process"), r.out());
        assertEquals("1.0", box.read(app + "/VERSION"), "nothing changed");
        assertTrue(holders.out().contains("run as root to see every process"), holders.toString());
    }

    @Test
    void aRootUpdaterStartsTheAppAgainAsItsOwnerAndItOutlivesTheUpdater() throws Exception {
        box = Box.boot("permissions: apps come back as their owners", tmp);
        Burners burners = new Burners(box);
        burners.publish(tmp, "1.0");
        box.install(Burners.INSTALL);
        burners.user("alice", 1000);
        long before = burners.start("alice", 1000);
        burners.publish(tmp, "2.0");

        Result r = box.updater("apply", "--manifest", Box.MANIFEST, "--install-dir", Burners.INSTALL);

        assertEquals(0, r.exit(), r.toString());
        burners.awaitLog("alice", "^burner 2\\.0, pid \\d+", Duration.ofSeconds(60));
        long after = burners.starts("alice", "2.0").get(0);
        assertTrue(r.out().contains("closed: burner (pid " + before + ")"), r.out());
        assertTrue(r.out().contains("restarted: burner (pid " + after + ")"), r.out());
        burners.awaitLog("alice", "^ready: pid " + after + ",", Duration.ofSeconds(60));
        assertTrue(burners.log("alice").stream().anyMatch(l -> l.startsWith("burner 2.0, pid " + after + ", restored from ")),
                burners.log("alice").toString());
        assertEquals("1000", box.sh("awk '/^Uid:/ {print $3}' /proc/" + after + "/status"), "alice's, never root's");
        assertEquals("/home/alice/burn", box.sh("readlink /proc/" + after + "/cwd"));
        assertTrue(box.sh("grep '^0::' /proc/" + after + "/cgroup").startsWith("0::/user.slice/user-1000.slice/user@1000.service/"),
                "in alice's own manager, not in the updater's unit");
        assertEquals(1, burners.starts("alice", "2.0").size());
        box.sh("kill -0 " + after); // the updater's unit is gone; the app it started is not
    }

    @Test
    void aRootUpdaterTheKernelHidesProcessesFromIsToldWhatHidesThemNotToRunAsRoot() throws Exception {
        box = Box.boot("permissions: root without CAP_SYS_PTRACE, then hidepid", tmp);
        String app = "/opt/app";
        box.publish(ServiceRelease.write(tmp.resolve("r1"), "1.0", app, true), "1.0");
        box.install(app);
        box.sh("useradd -m -u 1000 alice");
        box.c.write("/etc/systemd/system/alices-reader.service", "[Service]\nUser=alice\nExecStart=/bin/sh -c 'exec sleep"
                + " infinity 3< " + app + "/VERSION'\n");
        box.sh("systemctl daemon-reload && systemctl start alices-reader");
        Box.await(() -> box.c.run("systemctl", "is-active", "alices-reader").text().equals("active"), Duration.ofSeconds(30),
                "alice's process holding the install's file");
        box.publish(ServiceRelease.write(tmp.resolve("r2"), "2.0", app, true), "2.0");

        Result r = box.c.run(withoutPtrace("apply", "--manifest", Box.MANIFEST, "--install-dir", app));
        Result holders = box.c.run(withoutPtrace("holders", app + "/VERSION"));

        assertEquals(77, r.exit(), r.toString());
        assertTrue(r.out().contains("although it runs as root: it lacks CAP_SYS_PTRACE"), r.out());
        assertFalse(r.out().contains("run as root to see every process"), "it is root already: " + r.out());
        assertTrue(holders.out().contains("lacks CAP_SYS_PTRACE"), holders.toString());
        assertEquals("1.0", box.read(app + "/VERSION"), "nothing changed");

        // hidepid: alice's process is not even listed for it, which must not read as "nothing holds the files".
        box.sh("mount -o remount,hidepid=invisible /proc");
        Result hidden = box.c.run(withoutPtrace("apply", "--manifest", Box.MANIFEST, "--install-dir", app));

        assertEquals(77, hidden.exit(), hidden.toString());
        assertTrue(hidden.out().contains("/proc is mounted with hidepid=invisible and it lacks CAP_SYS_PTRACE"), hidden.out());
        assertEquals("1.0", box.read(app + "/VERSION"), "nothing changed");

        Result root = box.updater("apply", "--manifest", Box.MANIFEST, "--install-dir", app);

        assertEquals(0, root.exit(), "root with CAP_SYS_PTRACE sees past hidepid and closes the holder: " + root);
        assertTrue(root.out().contains("closed: alices-reader.service"), root.out());
        assertEquals("2.0", box.read(app + "/VERSION"));
    }

    /** {@code updater ARGS} as root whose capabilities lack CAP_SYS_PTRACE, as in a container that drops it. */
    private static Step withoutPtrace(String... args) {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--bounding-set=-sys_ptrace", "--", "updater"));
        argv.addAll(List.of(args));
        return Step.of(argv).env("RMKIT_JAVA_OPTS", Box.JAVA_OPTS);
    }
}
