package dev.rmkit.systemdit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.systemdit.container.Result;
import dev.rmkit.systemdit.container.Step;
import dev.rmkit.systemdit.fixture.Box;
import dev.rmkit.systemdit.fixture.BoxScenario;
import dev.rmkit.systemdit.fixture.ServiceRelease;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A service the updater stopped through systemd is started again even when the updater dies before it
 * starts it: the journal names the service before it is stopped, and {@code updater resume} (or the
 * next {@code apply}) starts that unit once; one that is up is left alone. With {@code --no-restart}
 * the service is recorded for {@code updater restart-apps}. The updater is SIGKILLed where the crash
 * tests kill it ({@code rmkit.test.pauseAt}: mid-swap, or after the commit), or while systemd is still
 * stopping the service.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a systemd-nspawn container of Linux (skipped with the reason where it cannot run)")
class ServiceRecoveryIT extends BoxScenario {

    static final String APP = "/opt/app";
    static final String PAUSE = "/run/rmkit-pause";
    /** The unit the updater runs in while a scenario kills it. */
    static final String UPDATER_UNIT = "rmkit-killed-updater";

    /** 1.0 installed in /opt/app and served by app.service (whose stop waits for {@code extraStop}, if any); 2.0 published. */
    private void serviceRunning(String label, String unitExtra) throws Exception {
        box = Box.boot(label, tmp);
        box.publish(ServiceRelease.write(tmp.resolve("r1"), "1.0", APP, true), "1.0");
        box.install(APP);
        box.c.write("/etc/systemd/system/app.service", ServiceRelease.unit(APP).replace("[Service]\n", "[Service]\n" + unitExtra));
        box.sh("systemctl daemon-reload && systemctl start app.service");
        box.publish(ServiceRelease.write(tmp.resolve("r2"), "2.0", APP, true), "2.0");
    }

    /** {@code updater ARGS} in a unit of its own, in the background, with {@code javaOpts} added to its JVM's options. */
    private void updaterInBackground(String javaOpts, String... args) {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("systemd-run", "--unit=" + UPDATER_UNIT,
                "--setenv=RMKIT_JAVA_OPTS=" + Box.JAVA_OPTS + " " + javaOpts, "updater"));
        argv.addAll(java.util.List.of(args));
        box.c.run(Step.of(argv)).requireExit(0);
    }

    private void kill(String pid) {
        box.c.exec(Step.of("kill", "-KILL", pid)).requireExit(0);
        Box.await(() -> !box.c.run("systemctl", "is-active", UPDATER_UNIT).text().equals("active"), Duration.ofSeconds(30),
                "the killed updater's unit to end");
    }

    private String state() {
        return box.c.run("systemctl", "is-active", "app.service").text();
    }

    private String mainPid() {
        return box.sh("systemctl show -p MainPID --value app.service");
    }

    /** The version the service's main process serves: the VERSION file it holds open. */
    private String served() {
        return box.sh("cat /proc/" + mainPid() + "/fd/3");
    }

    private int starts() {
        return box.sh("journalctl -u app.service -o cat --no-pager").split("serving ", -1).length - 1;
    }

    /**
     * The updater paused at {@code step} of its swap, with app.service stopped through systemd and named
     * in the journal, then SIGKILLed there.
     */
    private void updaterKilledAt(String step) {
        updaterInBackground("-Drmkit.test.pauseAt=" + step + " -Drmkit.test.pauseFile=" + PAUSE,
                "apply", "--manifest", Box.MANIFEST, "--install-dir", APP);
        Box.await(() -> !box.read(PAUSE).isEmpty(), Duration.ofSeconds(120), "the updater to pause at " + step);
        assertEquals("inactive", state(), "stopped through systemd, not started again yet");
        assertTrue(box.read(APP + "/.rmkit/journal.json").contains("\"app.service\""), box.read(APP + "/.rmkit/journal.json"));
        kill(box.read(PAUSE));
        assertEquals("inactive", state());
    }

    @Test
    void aServiceStoppedByAnUpdaterKilledAfterTheCommitIsStartedByResumeWithTheNewFiles() throws Exception {
        serviceRunning("service recovery: the updater killed after the commit", "");
        String before = mainPid();
        updaterKilledAt("committed");

        String after = resumeStartsTheServiceOnce(0, "2.0", before);

        Result again = box.updater("resume", "--install-dir", APP);
        assertEquals(0, again.exit(), again.toString());
        assertEquals(after, mainPid(), "a second resume starts nothing");
    }

    @Test
    void aServiceStoppedByAnUpdaterKilledMidSwapIsStartedByResumeWithTheOldFiles() throws Exception {
        serviceRunning("service recovery: the updater killed mid-swap, after the stop", "");
        String before = mainPid();
        updaterKilledAt("install-0");

        resumeStartsTheServiceOnce(70, "1.0", before);
        assertEquals("1.0", box.read(APP + "/VERSION"), "rolled back");
    }

    /**
     * Runs {@code updater resume}, which must answer {@code exit} and start app.service once, with a
     * new main process (not {@code before}) on {@code version}'s files; returns that process's pid.
     */
    private String resumeStartsTheServiceOnce(int exit, String version, String before) {
        Result r = box.updater("resume", "--install-dir", APP);

        assertEquals(exit, r.exit(), r.toString());
        assertEquals("active", state());
        String after = mainPid();
        assertNotEquals(before, after);
        assertEquals(version, served(), "the new process holds the files of " + version);
        assertTrue(r.out().contains("restarted: app.service (pid " + after + ")"), r.out());
        assertEquals(2, starts(), "started once by systemctl at the beginning, once by resume");
        return after;
    }

    @Test
    void aServiceWhoseStopOutlivedTheUpdaterIsStartedByTheNextApply() throws Exception {
        // The stop takes until the test says so: the updater is killed while systemd is stopping the service.
        serviceRunning("service recovery: the updater killed during the stop",
                "ExecStop=/bin/sh -c 'while [ ! -e /run/stop-ok ]; do sleep 0.1; done'\n");

        updaterInBackground("", "apply", "--manifest", Box.MANIFEST, "--install-dir", APP);
        Box.await(() -> state().equals("deactivating"), Duration.ofSeconds(120), "the updater to stop app.service");
        kill(box.sh("systemctl show -p MainPID --value " + UPDATER_UNIT));
        box.sh("touch /run/stop-ok");
        Box.await(() -> state().equals("inactive"), Duration.ofSeconds(60), "the stop to end");
        assertEquals("1.0", box.read(APP + "/VERSION"), "killed before the swap");

        Result r = box.updater("apply", "--manifest", Box.MANIFEST, "--install-dir", APP);

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("an interrupted update to 2.0 was rolled back first"), r.out());
        assertEquals("active", state());
        assertEquals("2.0", served());
        assertEquals(3, starts(), "at the beginning, by the recovery (1.0), after the swap (2.0): " + r.out());
    }

    @Test
    void noRestartLeavesTheServiceStoppedUntilRestartApps() throws Exception {
        serviceRunning("service recovery: --no-restart and restart-apps", "");

        Result r = box.updater("apply", "--manifest", Box.MANIFEST, "--install-dir", APP, "--no-restart");

        assertEquals(0, r.exit(), r.toString());
        assertEquals("inactive", state());
        assertTrue(r.out().contains("left closed: app.service"), r.out());
        assertTrue(box.read(APP + "/.rmkit/apps-left-closed.json").contains("\"app.service\""));

        Result back = box.updater("restart-apps", "--install-dir", APP);

        assertEquals(0, back.exit(), back.toString());
        assertEquals("active", state());
        assertEquals("2.0", served());
        assertTrue(back.out().contains("restarted: app.service (pid " + mainPid() + ")"), back.out());
        assertEquals("", box.read(APP + "/.rmkit/apps-left-closed.json"), "nothing is left closed");
    }
}
