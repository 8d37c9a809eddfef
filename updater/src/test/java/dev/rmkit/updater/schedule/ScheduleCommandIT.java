package dev.rmkit.updater.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code updater schedule install|show|remove} as a real child updater, with the unit directories in a
 * scratch directory and {@code systemctl} replaced by a script that records its arguments; and the
 * registered command, run as the service would run it, updates the install.
 */
@EnabledOnOs(OS.LINUX)
class ScheduleCommandIT {

    @TempDir Path tmp;
    Feeds feeds;
    Path install;
    Path policy;
    Path units;
    Path systemctlLog;
    Map<String, String> env;
    boolean root;

    @BeforeEach
    void installV1AndAFakeSystemctl() throws Exception {
        feeds = Feeds.create(tmp.resolve("publisher"));
        install = tmp.resolve("app dir");
        Cli.Run r = new Cli(tmp.resolve("env")).run("apply", "--manifest", feeds.publish("1.0.0",
                Map.of("lib/core.jar", "core 1.0")).toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"" + feeds.publish("2.0.0",
                Map.of("lib/core.jar", "core 2.0")) + "\", \"check\": {\"every\": \"4h\", \"spread\": \"20m\"}}\n");
        systemctlLog = tmp.resolve("systemctl.log");
        Path script = tmp.resolve("systemctl");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> '" + systemctlLog + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        units = root ? tmp.resolve("system-units") : tmp.resolve("config/systemd/user");
        env = Map.of(Schedulers.UNIT_DIR_ENV, tmp.resolve("system-units").toString(),
                "XDG_CONFIG_HOME", tmp.resolve("config").toString(), Schedulers.SYSTEMCTL_ENV, script.toString(),
                "RMKIT_STATE_DIR", tmp.resolve("state").toString());
    }

    UpdaterProcess.Result schedule(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("schedule"));
        argv.addAll(List.of(args));
        return UpdaterProcess.run(Map.of(), env, argv.toArray(String[]::new));
    }

    String name() {
        return Scheduling.name(new InstallLayout(install));
    }

    List<String> systemctlCalls() throws Exception {
        return Files.exists(systemctlLog) ? Files.readAllLines(systemctlLog) : List.of();
    }

    @Test
    void installWritesEnablesAndStartsTheTimerAndStoresThePolicy() throws Exception {
        UpdaterProcess.Result r = schedule("install", "--install-dir", install.toString(), "--policy", policy.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("scheduled " + name() + " as a systemd timer (" + (root ? "system" : "user") + ")"), r.out());
        String timer = Files.readString(units.resolve(name() + ".timer"));
        assertTrue(timer.contains("OnUnitActiveSec=14400s") && timer.contains("RandomizedDelaySec=1200s"), timer);
        assertEquals(units.resolve(name() + ".timer"), Files.readSymbolicLink(units.resolve("timers.target.wants/" + name() + ".timer")));
        assertEquals(Files.readString(policy), Files.readString(install.resolve(".rmkit/policy.json")));
        String user = root ? "" : "--user ";
        assertEquals(List.of(user + "daemon-reload", user + "restart " + name() + ".timer"), systemctlCalls());
        assertTrue(Files.readString(units.resolve(name() + ".service")).contains("Environment=\"RMKIT_STATE_DIR="),
                "the registering environment's RMKIT_* variables go with it");

        UpdaterProcess.Result show = schedule("show", "--install-dir", install.toString());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains(", enabled") && show.out().contains("OnUnitActiveSec=14400s")
                && show.out().contains("\"auto\" \"--install-dir\"") && show.out().contains("deadline 7d, grace 1d, reboot never"),
                show.out());
    }

    @Test
    void theRegisteredCommandRunAsTheServiceRunsItUpdatesTheInstall() throws Exception {
        assertEquals(0, schedule("install", "--install-dir", install.toString(), "--policy", policy.toString()).code());
        String service = Files.readString(units.resolve(name() + ".service"));
        List<String> argv = SystemdUnitsTest.unquote(service.lines().filter(l -> l.startsWith("ExecStart="))
                .findFirst().orElseThrow().substring("ExecStart=".length()));
        Map<String, String> serviceEnv = new HashMap<>();
        service.lines().filter(l -> l.startsWith("Environment=")).forEach(l -> {
            String kv = SystemdUnitsTest.unquote(l.substring("Environment=".length())).get(0);
            serviceEnv.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        });

        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(serviceEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), out);

        assertEquals(0, p.exitValue(), out);
        assertEquals("core 2.0", Files.readString(install.resolve("lib/core.jar")));
        assertTrue(Files.readString(install.resolve(".rmkit/history.jsonl")).contains("\"command\":\"auto\""));
    }

    @Test
    void removeStopsAndDeletesOnlyWhatInstallWrote() throws Exception {
        assertEquals(0, schedule("install", "--install-dir", install.toString(), "--policy", policy.toString()).code());
        Files.delete(systemctlLog);

        UpdaterProcess.Result r = schedule("remove", "--install-dir", install.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(Files.exists(units.resolve(name() + ".timer")));
        assertFalse(Files.exists(units.resolve(name() + ".service")));
        assertFalse(Files.exists(units.resolve("timers.target.wants/" + name() + ".timer"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        String user = root ? "" : "--user ";
        assertEquals(List.of(user + "stop " + name() + ".timer", user + "daemon-reload", user + "reset-failed " + name()
                + ".service " + name() + ".timer"), systemctlCalls());
        UpdaterProcess.Result show = schedule("show", "--install-dir", install.toString());
        assertTrue(show.out().contains("not registered"), show.out());
    }

    @Test
    void aUnitFileRmkitDidNotWriteIsNeitherOverwrittenNorDeleted() throws Exception {
        Files.createDirectories(units);
        Path foreign = Files.writeString(units.resolve(name() + ".service"), "[Service]\nExecStart=/bin/true\n");

        UpdaterProcess.Result install1 = schedule("install", "--install-dir", install.toString(), "--policy", policy.toString());
        UpdaterProcess.Result remove = schedule("remove", "--install-dir", install.toString());

        assertEquals(ExitCode.USAGE.code(), install1.code(), install1.out());
        assertTrue(install1.err().contains("was not written by rmkit"), install1.err());
        assertEquals(ExitCode.USAGE.code(), remove.code(), remove.out());
        assertEquals("[Service]\nExecStart=/bin/true\n", Files.readString(foreign));
        assertFalse(Files.exists(units.resolve(name() + ".timer")));
        assertTrue(systemctlCalls().isEmpty());
    }

    @Test
    void aBadPolicyRegistersNothingAndNamesTheField() throws Exception {
        Files.writeString(policy, "{\"feed\": \"https://example.com/m.json\", \"check\": {\"every\": \"10s\"}}");
        Map<String, String> before = Trees.snapshot(install);

        UpdaterProcess.Result r = schedule("install", "--install-dir", install.toString(), "--policy", policy.toString());

        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("check.every"), r.err());
        assertFalse(Files.exists(units));
        assertEquals(before, Trees.snapshot(install));
    }

    @Test
    void installDoesNotStoreThePolicyThroughALinkAndRegistersNothing() throws Exception {
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.json"), "someone else's file\n");
        Path link = Files.createSymbolicLink(install.resolve(".rmkit/policy.json"), elsewhere);

        UpdaterProcess.Result r = schedule("install", "--install-dir", install.toString(), "--policy", policy.toString());

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("refused: .rmkit/policy.json is a symbolic link"), r.err());
        assertEquals("someone else's file\n", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(link), "the link stays");
        assertFalse(Files.exists(units), "nothing was registered");
        assertTrue(systemctlCalls().isEmpty());
    }

    @Test
    void removeLeavesALinkAtTheTaskArgumentsAndWhatItPointsTo() throws Exception {
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.args"), "someone else's file\n");
        Path link = Files.createSymbolicLink(install.resolve(".rmkit/auto.args"), elsewhere);

        UpdaterProcess.Result r = schedule("remove", "--install-dir", install.toString());

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.isSymbolicLink(link), "a link the updater did not make stays");
        assertEquals("someone else's file\n", Files.readString(elsewhere));
    }
}
