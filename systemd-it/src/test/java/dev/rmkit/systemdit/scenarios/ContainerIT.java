package dev.rmkit.systemdit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.systemdit.container.Container;
import dev.rmkit.systemdit.container.Result;
import dev.rmkit.systemdit.container.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The harness itself: a real systemd boots, runs steps in units with their exit codes, and reboots for real. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a systemd-nspawn container of Linux (skipped with the reason where it cannot run)")
class ContainerIT {

    @Test
    void stepsRunInRealUnitsAndARebootGivesANewBootId() {
        try (Container c = Container.boot("harness: units and a real reboot")) {
            Result r = c.run(Step.of("sh", "-c", "grep '^0::' /proc/self/cgroup; exit 7"));
            assertEquals(7, r.exit(), r.toString());
            assertTrue(r.out().matches("0::/system\\.slice/run-\\S+\\.service\\s*"), r.out());
            assertEquals("active", c.run("systemctl", "is-active", "systemd-logind.service").text());
            String first = c.bootId();

            c.reboot();

            assertEquals(2, c.boots());
            assertNotEquals(first, c.bootId());
            assertEquals(0, c.run("true").exit());
        }
    }
}
