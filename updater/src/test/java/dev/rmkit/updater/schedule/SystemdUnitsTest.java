package dev.rmkit.updater.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.updater.policy.MaintenanceWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitsTest {

    static final List<String> ARGV = List.of("/usr/lib/jvm/java 17/bin/java", "-cp", "/opt/a b/updater.jar:/x%y$z",
            "dev.rmkit.updater.Main", "auto", "--install-dir", "/opt/burner \"2\"\\x");

    static ScheduleSpec spec() {
        return new ScheduleSpec("rmkit-auto-0123456789ab", Path.of("/opt/burner 50%"), ARGV,
                Map.of("RMKIT_REBOOT_COMMAND", "touch /tmp/rebooted"), Duration.ofHours(6), Duration.ofMinutes(30),
                List.of(new MaintenanceWindow(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), 120, 300),
                        new MaintenanceWindow(Set.of(), 22 * 60 + 30, 60)),
                ZoneId.of("Europe/Berlin"));
    }

    @Test
    void theTimerStartsAutoOnTheIntervalAtEveryWindowOpeningWithTheSpread() {
        String timer = SystemdUnits.timer(spec());

        assertTrue(timer.startsWith(SystemdUnits.MARKER + "\n"), timer);
        assertTrue(timer.contains("\nOnUnitActiveSec=21600s\n"), timer);
        assertTrue(timer.contains("\nOnActiveSec=2min\n"), timer);
        assertTrue(timer.contains("\nOnCalendar=Sat,Sun *-*-* 02:00:00 Europe/Berlin\n"), timer);
        assertTrue(timer.contains("\nOnCalendar=*-*-* 22:30:00 Europe/Berlin\n"), timer);
        assertTrue(timer.contains("\nRandomizedDelaySec=1800s\n"), timer);
        assertTrue(timer.contains("\nUnit=rmkit-auto-0123456789ab.service\n"), timer);
        assertTrue(timer.contains("\nWantedBy=timers.target\n"), timer);
    }

    @Test
    void theServiceRunsExactlyTheArgvAndTreatsDeferralsAndRebootsAsOutcomes() {
        String service = SystemdUnits.service(spec(), true);

        String exec = service.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertEquals(ARGV, unquote(exec.substring("ExecStart=".length())));
        assertTrue(service.contains("\nType=oneshot\n"));
        assertTrue(service.contains("\nSuccessExitStatus=75 100 101\n"));
        assertTrue(service.contains("\nAfter=network-online.target\n"), "a system unit waits for the network");
        assertTrue(service.contains("Description=rmkit unattended updates of /opt/burner 50%%\n"), service);
        assertEquals(List.of("RMKIT_REBOOT_COMMAND=touch /tmp/rebooted"), unquote(service.lines()
                .filter(l -> l.startsWith("Environment=")).findFirst().orElseThrow().substring("Environment=".length())));
        assertFalse(SystemdUnits.service(spec(), false).contains("network-online"), "a user manager has no such target");
    }

    @Test
    void aControlCharacterCannotBreakTheUnitFile() {
        ScheduleSpec s = spec();
        ScheduleSpec bad = new ScheduleSpec(s.name(), Path.of("/opt/a\nExecStartPre=/bin/rm"), s.argv(), Map.of(),
                s.every(), s.spread(), List.of(), s.zone());
        assertThrows(IllegalArgumentException.class, () -> SystemdUnits.service(bad, true));
        assertThrows(IllegalArgumentException.class, () -> SystemdUnits.quote("a\rb"));
    }

    /** systemd itself reads the units: systemd-analyze verify reports nothing about them. */
    @Test
    void systemdAcceptsTheUnits(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("systemd-analyze"), "needs systemd-analyze (package systemd)");
        ScheduleSpec odd = spec();
        // The real command this JVM would register (verify checks that the program exists), with the odd install path.
        ScheduleSpec real = new ScheduleSpec(odd.name(), odd.installDir(), dev.rmkit.updater.UpdaterContext.javaCommand(
                List.of("auto", "--install-dir", odd.installDir().toString())), odd.environment(), odd.every(),
                odd.spread(), odd.windows(), odd.zone());
        Files.writeString(dir.resolve("rmkit-auto-0123456789ab.service"), SystemdUnits.service(real, true));
        Files.writeString(dir.resolve("rmkit-auto-0123456789ab.timer"), SystemdUnits.timer(real));

        Process p = new ProcessBuilder("systemd-analyze", "verify", "--man=no",
                dir.resolve("rmkit-auto-0123456789ab.timer").toString(),
                dir.resolve("rmkit-auto-0123456789ab.service").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue(), out);
        assertTrue(out.lines().noneMatch(l -> l.contains(dir.toString()) || l.contains("rmkit-auto")), out);
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** systemd's reading of a quoted command line (systemd.service(5), "Command lines"), for the quotes we write. */
    static List<String> unquote(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) == ' ') {
                i++;
                continue;
            }
            if (line.charAt(i) != '"') {
                throw new AssertionError("every word is written quoted: " + line);
            }
            StringBuilder w = new StringBuilder();
            i++;
            while (line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\') {
                    w.append(line.charAt(i + 1));
                    i += 2;
                } else if ((c == '%' || c == '$') && line.charAt(i + 1) == c) {
                    w.append(c);
                    i += 2;
                } else if (c == '%' || c == '$') {
                    throw new AssertionError("an unescaped " + c + " would be expanded: " + line);
                } else {
                    w.append(c);
                    i++;
                }
            }
            words.add(w.toString());
            i++;
        }
        return words;
    }
}
