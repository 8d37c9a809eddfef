package dev.rmkit.updater.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.HeldInstall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's Ansible playbook ({@code fleet/ansible/update.yml}) run by the real
 * {@code ansible-playbook} against three local installs: one updates, one is held by an app that
 * refuses (75: try later, the install unchanged), one needs a reboot (100: reboot needed). None of
 * them fails the play.
 */
@EnabledOnOs(OS.LINUX)
class AnsiblePlaybookIT {

    static final Map<String, String> V1 = Map.of("lib/core.jar", "core 1.0");
    static final Map<String, String> V2 = Map.of("lib/core.jar", "core 2.0");

    @TempDir Path tmp;
    HeldInstall busy;

    @AfterEach
    void stopApps() {
        if (busy != null) {
            busy.close();
        }
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The confined environment of one install's updater: its runtime directory and a harmless system side. */
    static Map<String, String> env(Cli cli, Path dir) {
        return Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString(), "RMKIT_STATE_DIR", dir.resolve("state").toString(),
                "RMKIT_SYSTEMD_UNIT_DIR", dir.resolve("units").toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "RMKIT_REBOOT_COMMAND", "touch '" + dir.resolve("rebooted") + "'");
    }

    static Map<String, Object> host(Path install, Path manifest, Map<String, String> env) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("install_dir", install.toString());
        h.put("manifest", manifest.toString());
        h.put("rmkit_env", env);
        return h;
    }

    @Test
    void thePlaybookUpdatesWhatItCanAndTreats75AsTryLaterAnd100AsRebootNeeded() throws Exception {
        assumeTrue(onPath("ansible-playbook"), "needs ansible-playbook (Debian package ansible-core; .ci/run installs it)");
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Cli idleCli = new Cli(tmp.resolve("idle-env"));
        Path idle = tmp.resolve("idle");
        assertEquals(0, idleCli.run("apply", "--manifest", feeds.publish("1.0.0", V1).toString(), "--install-dir",
                idle.toString(), "--trust", feeds.publicKey().toString()).code());
        Path v2 = feeds.publish("2.0.0", V2);

        busy = HeldInstall.of(tmp.resolve("busy"), V1);
        Path busyV2 = busy.feeds().publish("2.0.0", V2);
        JavaProcess app = busy.startApp("lib/core.jar", List.of("--app-id", "burner", "--veto", "Burning session 2 - 40%"));

        Feeds rebootFeeds = Feeds.create(tmp.resolve("reboot-publisher"));
        Cli rebootCli = new Cli(tmp.resolve("reboot-env"));
        Path needsReboot = tmp.resolve("reboot");
        assertEquals(0, rebootCli.run("apply", "--manifest", rebootFeeds.publish("1.0.0", V1).toString(), "--install-dir",
                needsReboot.toString(), "--trust", rebootFeeds.publicKey().toString()).code());
        Path rebootV2 = rebootFeeds.publish("2.0.0", V2, "--reboot-required");

        Map<String, Object> hosts = new LinkedHashMap<>();
        hosts.put("idle", host(idle, v2, env(idleCli, tmp.resolve("idle-sys"))));
        hosts.put("busy", host(busy.install(), busyV2, env(busy.cli(), tmp.resolve("busy-sys"))));
        hosts.put("needs-reboot", host(needsReboot, rebootV2, env(rebootCli, tmp.resolve("reboot-sys"))));
        Path reports = Files.createDirectories(tmp.resolve("reports"));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_connection", "local");
        vars.put("ansible_python_interpreter", "/usr/bin/python3");
        vars.put("rmkit_updater", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        vars.put("rmkit_report_dir", reports.toString());
        Path inventory = tmp.resolve("inventory.yml");
        new ObjectMapper().writeValue(inventory.toFile(), Map.of("rmkit", Map.of("hosts", hosts, "vars", vars)));

        ProcessBuilder pb = new ProcessBuilder("ansible-playbook", "-i", inventory.toString(),
                Path.of("..", "fleet", "ansible", "update.yml").toAbsolutePath().normalize().toString())
                .redirectErrorStream(true);
        Path home = Files.createDirectories(tmp.resolve("ansible-home"));
        pb.environment().putAll(Map.of("HOME", home.toString(), "ANSIBLE_HOME", home.toString(),
                "ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString(), "ANSIBLE_REMOTE_TEMP", home.resolve("rtmp").toString(),
                "ANSIBLE_NOCOLOR", "1"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);

        assertEquals(0, p.exitValue(), out);
        JsonNode idleReport = new ObjectMapper().readTree(reports.resolve("idle.json").toFile());
        JsonNode busyReport = new ObjectMapper().readTree(reports.resolve("busy.json").toFile());
        JsonNode rebootReport = new ObjectMapper().readTree(reports.resolve("needs-reboot.json").toFile());
        assertEquals("UPDATED", idleReport.get("outcome").asText(), out);
        assertTrue(idleReport.get("changed").asBoolean());
        assertEquals("core 2.0", Files.readString(idle.resolve("lib/core.jar")));
        assertTrue(busyReport.get("tryLater").asBoolean(), out);
        assertEquals("burner", busyReport.get("refused").get(0).get("name").asText());
        assertEquals("core 1.0", Files.readString(busy.install().resolve("lib/core.jar")), "nothing changed");
        assertTrue(app.isAlive());
        assertTrue(rebootReport.get("rebootNeeded").asBoolean(), out);
        assertFalse(rebootReport.get("tryLater").asBoolean());
        assertEquals("core 1.0", Files.readString(needsReboot.resolve("lib/core.jar")), "finishes at the boot");
        assertTrue(out.contains("busy: try later"), out);
        assertTrue(out.contains("failed=0"), out);
    }
}
