package dev.rmkit.updater.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.Main;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.testing.Feeds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Task Scheduler registration for real (windows-latest CI job only): schtasks accepts the task
 * definition, shows it, and removes it. The runner's account decides the kind (an elevated runner
 * registers a SYSTEM task, a standard one a task of its own user).
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsScheduleIT {

    @TempDir Path tmp;

    @Test
    void schtasksRegistersShowsAndRemovesTheTask() throws Exception {
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Path install = tmp.resolve("app dir");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "apply", "--manifest",
                feeds.publish("1.0.0", Map.of("lib/core.jar", "core 1.0")).toString(), "--install-dir", install.toString(),
                "--trust", feeds.publicKey().toString());
        assertEquals(0, code, out + " " + err);
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"https://updates.example.com/m.json\","
                + " \"check\": {\"every\": \"6h\", \"spread\": \"30m\"},"
                + " \"windows\": [{\"days\": [\"sat\"], \"start\": \"02:00\", \"end\": \"05:00\"}]}");
        Scheduling scheduling = new Scheduling(Clock.systemUTC());
        String task = WindowsScheduler.taskName(Scheduling.name(new InstallLayout(install)));

        Registration installed = scheduling.run(ScheduleRequest.of("install", install, policy), System.getenv());
        try {
            assertTrue(installed.registered(), installed.toString());
            Registration shown = scheduling.run(ScheduleRequest.of("show", install, null), System.getenv());
            assertTrue(shown.registered(), shown.toString());
            assertTrue(String.join("\n", shown.lines()).contains(task), shown.toString());
            assertTrue(Files.isRegularFile(WindowsScheduler.argFile(install)));
        } finally {
            Registration removed = scheduling.run(ScheduleRequest.of("remove", install, null), System.getenv());
            assertFalse(removed.registered(), removed.toString());
        }
        assertFalse(scheduling.run(ScheduleRequest.of("show", install, null), System.getenv()).registered());
        assertFalse(Files.exists(WindowsScheduler.argFile(install)));
    }
}
