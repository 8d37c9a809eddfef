package dev.rmkit.updater.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A user install gets user units under $XDG_CONFIG_HOME/systemd/user, driven with systemctl --user. */
@EnabledOnOs(OS.LINUX)
class UserTimerTest {

    @Test
    void aUserTimerGoesToTheUsersUnitDirectoryAndItsManager(@TempDir Path tmp) throws Exception {
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Path install = tmp.resolve("app");
        assertEquals(0, new Cli(tmp.resolve("env")).run("apply", "--manifest", feeds.publish("1.0.0",
                Map.of("a.jar", "1")).toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString()).code());
        Path policy = Files.writeString(tmp.resolve("p.json"), "{\"feed\": \"https://example.com/m.json\"}");
        Path log = tmp.resolve("systemctl.log");
        Path script = Files.writeString(tmp.resolve("systemctl"), "#!/bin/sh\necho \"$@\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", tmp.resolve("config").toString(),
                Schedulers.SYSTEMCTL_ENV, script.toString());
        Scheduler user = Schedulers.systemd(env, false);
        String name = Scheduling.name(new InstallLayout(install));

        Registration r = new Scheduling(Clock.systemUTC()).run(ScheduleRequest.of("install", install, policy), env, user);

        assertTrue(r.registered());
        Path units = tmp.resolve("config/systemd/user");
        String service = Files.readString(units.resolve(name + ".service"));
        assertFalse(service.contains("network-online.target"), service);
        assertTrue(Files.isSymbolicLink(units.resolve("timers.target.wants/" + name + ".timer")));
        assertEquals(List.of("--user daemon-reload", "--user restart " + name + ".timer"), Files.readAllLines(log));
        assertEquals("systemd timer (user)", user.kind());
    }
}
