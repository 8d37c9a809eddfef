package dev.rmkit.systemdit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.systemdit.container.Result;
import dev.rmkit.systemdit.container.Step;
import dev.rmkit.systemdit.fixture.Box;
import dev.rmkit.systemdit.fixture.Burners;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.schedule.Scheduling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 for real: {@code updater schedule install} registers {@code updater auto} with systemd (a
 * system timer for root's install, a user timer in a lingering user's manager for that user's install),
 * the timers fire and their services run {@code auto}, which follows the policy: here a feed's release
 * index, an app that refuses before the deadline, and the close past deadline + grace (the app saves
 * first and comes back as the new release); a user's run stages and asks for root. {@code uninstall}
 * and {@code schedule remove} leave no unit.
 *
 * <p>The timers fire when the test says so, without waiting for their real schedule: a drop-in replaces
 * their triggers with one a second after the timer starts (and an accuracy of a second, systemd's
 * default being a minute) and the test restarts the timer; {@code RandomizedDelaySec} stays the
 * policy's spread. Every wait is for a recorded result (the install's history), with a deadline that is
 * only a backstop. One container for both installs.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a systemd-nspawn container of Linux (skipped with the reason where it cannot run)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleIT {

    static final String ROOT_INSTALL = Burners.INSTALL;
    static final String USER_INSTALL = "/home/alice/app";
    static final Duration RUN_LIMIT = Duration.ofSeconds(150);
    static final String DROP_IN = "[Timer]\nOnActiveSec=\nOnActiveSec=1s\nAccuracySec=1s\n";

    @TempDir static Path tmp;
    Box box;
    Burners burners;

    @BeforeAll
    void bootWithTwoInstallsOf10AndRelease20Published() throws Exception {
        box = Box.boot("schedule: timers that run updater auto", tmp);
        burners = new Burners(box);
        burners.publish(tmp, "1.0");
        box.install(ROOT_INSTALL);
        burners.user("alice", 1000);
        box.c.run(asAlice(Box.updaterStep("apply", "--manifest", Box.MANIFEST, "--install-dir", USER_INSTALL, "--trust",
                Box.KEY))).requireExit(0);
        burners.publish(tmp, "2.0");
    }

    @AfterAll
    void tearDown() {
        if (box != null) {
            box.close();
        }
    }

    @Test
    void aSystemTimerRunsAutoWhichDefersToABurningBurnerThenClosesItPastTheDeadlineAndUninstallRemovesTheUnits()
            throws Exception {
        // alice burns a disc from the root install; the burn outlasts both runs below (about a minute at 1x).
        burners.start("alice", 1000, "--speed", "1x");
        burners.drop("alice", "photos", "Photos", 9_000_000);
        burners.awaitLog("alice", "^job photos: burning session 1 ", Duration.ofSeconds(60));
        box.c.write("/srv/policy.json", "{\"feed\": \"" + Box.FEED + "/\", \"timeZone\": \"UTC\", \"check\": {\"every\": \"1h\","
                + " \"spread\": \"3s\"}, \"deadline\": \"1s\", \"grace\": \"0s\"}\n");
        String name = Scheduling.name(new InstallLayout(Path.of(ROOT_INSTALL)));
        long t = System.nanoTime();

        Result scheduled = box.updater("schedule", "install", "--install-dir", ROOT_INSTALL, "--policy", "/srv/policy.json");

        assertEquals(0, scheduled.exit(), scheduled.toString());
        timing("schedule install (system)", t);
        Manager m = Manager.SYSTEM;
        assertEquals("active", m.run(box, "is-active", name + ".timer").text());
        assertEquals("enabled", m.run(box, "is-enabled", name + ".timer").text());
        assertEquals("3s", m.show(box, name + ".timer", "RandomizedDelayUSec"), "the policy's spread");
        String monotonic = m.show(box, name + ".timer", "TimersMonotonic");
        assertTrue(monotonic.contains("OnActiveUSec=2min") && monotonic.contains("OnUnitActiveUSec=1h"), monotonic);
        box.c.write("/etc/systemd/system/" + name + ".timer.d/now.conf", DROP_IN);
        m.run(box, "daemon-reload").requireExit(0);

        // Run 1, before the deadline: the burner refuses; nothing changes; the refusal is counted.
        JsonNode run1 = fire(ROOT_INSTALL, name, m, 2);
        assertEquals("DEFERRED", run1.get("outcome").asText(), run1.toString());
        assertEquals("auto", run1.get("command").asText());
        assertEquals("ask", run1.get("auto").get("action").asText());
        assertTrue(run1.get("appsRefused").get(0).get("reason").asText().startsWith("Burning session 1 of 'Photos'"),
                run1.toString());
        assertEquals("1.0", version(ROOT_INSTALL));
        assertEquals("75", m.show(box, name + ".service", "ExecMainStatus"));
        assertEquals("success", m.show(box, name + ".service", "Result"), "exit 75 is an outcome, not a failure");

        // Run 2, past deadline + grace: the burner is closed (it saves first), the update goes in, it comes back.
        Instant forceAt = Instant.parse(json(box.read(ROOT_INSTALL + "/.rmkit/auto.json")).get("forceAt").asText());
        Box.await(() -> Instant.now().isAfter(forceAt), Duration.ofSeconds(30), "the clock past " + forceAt);
        JsonNode run2 = fire(ROOT_INSTALL, name, m, 3);
        assertEquals("UPDATED", run2.get("outcome").asText(), run2.toString());
        assertEquals("force", run2.get("auto").get("action").asText());
        assertEquals("burner", run2.get("appsForced").get(0).get("name").asText(), run2.toString());
        assertEquals("2.0", version(ROOT_INSTALL));
        assertEquals("0", m.show(box, name + ".service", "ExecMainStatus"));
        List<String> log = burners.log("alice");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("end-session query [CLOSE_APP, CRITICAL]: refused: Burning"))
                && log.stream().anyMatch(l -> l.startsWith("job photos: stopped ")), "asked, refused, closed anyway: " + log);
        // It saved its queue before it went: 2.0 comes back with the interrupted job, to burn it again.
        burners.awaitLog("alice", "^burner 2\\.0, pid \\d+, restored from .*queue \\[photos\\]", Duration.ofSeconds(60));

        // uninstall takes the schedule with it (the restored burner burns again: --force closes it).
        t = System.nanoTime();
        Result uninstalled = box.updater("uninstall", "--install-dir", ROOT_INSTALL, "--force");
        timing("uninstall with its schedule", t);
        assertEquals(0, uninstalled.exit(), uninstalled.toString());
        assertTrue(uninstalled.out().contains("schedule: removed /etc/systemd/system/" + name + ".timer"), uninstalled.out());
        assertTrue(uninstalled.out().contains("closed: burner (pid "), "the burner 2.0 that auto started again (in a scope of"
                + " alice's manager) is an app to close, not a service never restarted: " + uninstalled.out());
        box.sh("rm -r /etc/systemd/system/" + name + ".timer.d"); // the test's own drop-in
        m.run(box, "daemon-reload").requireExit(0);
        assertNoUnit(name, m, "/etc/systemd/system");
    }

    /**
     * A user's install gets a timer in the user's own manager (alice lingers, so it runs without a login).
     * Its {@code auto} runs as alice and stages the release, but cannot close anything: alice may not
     * inspect root's daemons, which might hold the files, so it ends with 77, "run as root to see every
     * process" (docs/linux-protocol.md 2.2), a failed run of the service. {@code schedule remove} then
     * leaves no unit, not even the failed run's record.
     */
    @Test
    void aUserTimerRunsAutoAsTheUserWhichStagesAndAsksForRootAndScheduleRemoveLeavesNoUnit() throws Exception {
        box.c.write("/home/alice/policy.json", "{\"feed\": \"" + Box.FEED + "/\", \"check\": {\"every\": \"1h\", \"spread\": \"2s\"}}\n");
        String name = Scheduling.name(new InstallLayout(Path.of(USER_INSTALL)));
        String units = "/home/alice/.config/systemd/user";
        Manager m = Manager.ALICE;
        long t = System.nanoTime();

        Result scheduled = box.c.run(asAlice(Box.updaterStep("schedule", "install", "--install-dir", USER_INSTALL,
                "--policy", "/home/alice/policy.json")));

        assertEquals(0, scheduled.exit(), scheduled.toString());
        timing("schedule install (user)", t);
        assertTrue(scheduled.out().contains("as a systemd timer (user)"), scheduled.out());
        assertEquals("active", m.run(box, "is-active", name + ".timer").text());
        assertEquals("2s", m.show(box, name + ".timer", "RandomizedDelayUSec"), "the policy's spread");
        box.c.write(units + "/" + name + ".timer.d/now.conf", DROP_IN);
        box.sh("chown -R alice:alice /home/alice/.config");
        m.run(box, "daemon-reload").requireExit(0);

        JsonNode run = fire(USER_INSTALL, name, m, 2);

        assertEquals("PERMISSION_DENIED", run.get("outcome").asText(), run.toString());
        assertTrue(run.get("message").asText().endsWith("run as root to see every process; nothing was changed"), run.toString());
        assertEquals("[\"burner.jar\"]", run.get("download").get("patchesUsed").toString(), "staged, from the feed's patch");
        assertEquals("1.0", version(USER_INSTALL));
        assertEquals("77", m.show(box, name + ".service", "ExecMainStatus"), "run by alice's manager");
        assertEquals("failed", m.run(box, "is-failed", name + ".service").text());
        assertEquals("alice", box.sh("stat -c %U " + USER_INSTALL + "/.rmkit/auto.json"), "and as alice");

        t = System.nanoTime();
        Result removed = box.c.run(asAlice(Box.updaterStep("schedule", "remove", "--install-dir", USER_INSTALL)));
        timing("schedule remove (user)", t);
        assertEquals(0, removed.exit(), removed.toString());
        box.sh("rm -r " + units + "/" + name + ".timer.d"); // the test's own drop-in
        m.run(box, "daemon-reload").requireExit(0);
        assertNoUnit(name, m, units);
    }

    /**
     * Restarts {@code name}'s timer in {@code manager} and waits until its service's run of {@code updater
     * auto} is the install's history line number {@code line} and the service is done; returns that line.
     */
    private JsonNode fire(String install, String name, Manager manager, int line) {
        long t = System.nanoTime();
        manager.run(box, "restart", name + ".timer").requireExit(0);
        Box.await(() -> history(install).size() >= line, RUN_LIMIT, "run " + (line - 1) + " of " + name + " recorded in "
                + install + "/.rmkit/history.jsonl");
        Box.await(() -> !manager.run(box, "is-active", name + ".service").text().equals("activating"), RUN_LIMIT,
                name + ".service to finish");
        timing("timer restarted -> run " + (line - 1) + " recorded and finished (" + install + ")", t);
        assertFalse(List.of("", "n/a").contains(manager.show(box, name + ".timer", "LastTriggerUSec")), "the timer fired");
        return json(history(install).get(line - 1));
    }

    /** The system's service manager, or alice's. */
    enum Manager {
        SYSTEM, ALICE;

        Result run(Box box, String... args) {
            List<String> argv = new java.util.ArrayList<>(this == SYSTEM ? List.of("systemctl") : List.of("systemctl", "--user"));
            argv.addAll(List.of(args));
            return box.c.run(this == SYSTEM ? Step.of(argv) : asAlice(Step.of(argv)));
        }

        String show(Box box, String unit, String property) {
            return run(box, "show", "-p", property, "--value", unit).requireExit(0).text();
        }
    }

    /** No unit file, no enabling link, nothing {@code manager} knows as a unit or a timer of {@code name}. */
    private void assertNoUnit(String name, Manager manager, String dir) {
        String files = box.sh("ls -A " + dir + " " + dir + "/timers.target.wants 2>/dev/null | grep rmkit-auto || true");
        assertEquals("", files, "unit files left in " + dir);
        assertEquals("", manager.run(box, "list-unit-files", "--no-legend", name + ".*").text().strip(),
                "the manager has no unit file of " + name);
        assertFalse(manager.run(box, "list-timers", "--all", "--no-legend").text().contains(name), "no timer " + name);
        assertEquals("", manager.run(box, "list-units", "--all", "--no-legend", name + ".*").text().strip(),
                "the manager keeps no unit of " + name + " (a failed run included)");
    }

    private List<String> history(String install) {
        String text = box.read(install + "/.rmkit/history.jsonl");
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private String version(String install) {
        return json(box.read(install + "/.rmkit/installed.json")).get("version").asText();
    }

    private static Step asAlice(Step s) {
        return s.as("alice").env("XDG_RUNTIME_DIR", "/run/user/1000");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void timing(String what, long startNanos) {
        System.err.printf("systemd-it: schedule: %s: %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
    }
}
