package dev.rmkit.rm.linux.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.QueryAnswer;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.LinuxPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(value = OS.LINUX, disabledReason = "the systemd-inhibit stand-ins are sh scripts")
class InhibitorTest {

    @TempDir Path tmp;

    /** A stand-in for systemd-inhibit that logs its options and runs the command, as the real one does once granted. */
    private Path fakeInhibit(boolean grant) throws Exception {
        Path log = tmp.resolve("inhibit.log");
        String body = grant
                ? "while [ $# -gt 0 ]; do case \"$1\" in --*) echo \"$1\" >> '" + log + "'; shift;; *) break;; esac; done\nexec \"$@\"\n"
                : "echo 'Failed to connect to bus: No such file or directory' >&2\nexit 1\n";
        Path script = Files.writeString(tmp.resolve(grant ? "inhibit-ok" : "inhibit-fail"), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aGrantedLockIsEffectiveUntilClosed() throws Exception {
        BusyHandle h = new Inhibitor(fakeInhibit(true)).acquire("burner", "Burning session 3");
        assertTrue(h.effective());
        String log = Files.readString(tmp.resolve("inhibit.log"));
        assertTrue(log.contains("--what=shutdown:sleep") && log.contains("--mode=block")
                && log.contains("--why=Burning session 3") && log.contains("--who=burner"), log);
        h.reason("Burning session 3 - 50%");
        assertTrue(h.effective());
        assertTrue(Files.readString(tmp.resolve("inhibit.log")).contains("--why=Burning session 3 - 50%"));
        h.close();
        assertFalse(h.effective());
    }

    @Test
    void anUpdatersDelayLockIsOnShutdownOnly() throws Exception {
        BusyHandle h = new Inhibitor(fakeInhibit(true), "shutdown", "delay").acquire("rmkit updater", "installing 2.0");
        assertTrue(h.effective());
        String log = Files.readString(tmp.resolve("inhibit.log"));
        assertTrue(log.contains("--what=shutdown\n") && log.contains("--mode=delay") && log.contains("--who=rmkit updater"), log);
        h.close();
        assertFalse(h.effective());
    }

    @Test
    void withoutLogindTheHandleIsADocumentedNoOp() throws Exception {
        BusyHandle h = new Inhibitor(fakeInhibit(false)).acquire("burner", "Burning");
        assertFalse(h.effective());
        h.reason("still burning");
        h.close();
        assertFalse(new Inhibitor(tmp.resolve("no-such-tool")).acquire("a", "b").effective());
    }

    @Test
    void withoutASystemBusSystemdInhibitIsNotEvenStarted() throws Exception {
        BusyHandle h = new Inhibitor(fakeInhibit(true), "shutdown", "delay", () -> false).acquire("rmkit updater", "installing");
        assertFalse(h.effective());
        assertFalse(Files.exists(tmp.resolve("inhibit.log")), "the stand-in was not run");
        h.close();
    }

    @Test
    void theSystemBusIsCertainlyAbsentOnlyWithoutItsAddressAndItsSocket() throws Exception {
        Path socket = tmp.resolve("system_bus_socket");
        assertFalse(Inhibitor.systemBusMayBeThere(Map.of(), socket));
        assertTrue(Inhibitor.systemBusMayBeThere(Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/elsewhere"), socket));
        Files.createFile(socket);
        assertTrue(Inhibitor.systemBusMayBeThere(Map.of(), socket));
    }

    @Test
    void onThisHostWithoutSystemdBusyIsNotEffective() throws Exception {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "a systemd host may grant the lock");
        LinuxPlatform platform = new LinuxPlatform(LinuxConfig.withRuntimeDir(tmp.resolve("rt")));
        try (CooperatingApp app = platform.cooperate("busy-test", new EndSessionListener() {
                    @Override
                    public QueryAnswer queryEndSession(Set<EndSessionFlag> flags) {
                        return QueryAnswer.allow();
                    }

                    @Override
                    public void endSession(boolean ending, Set<EndSessionFlag> flags) {}
                });
                BusyHandle h = app.busy("Burning")) {
            assertFalse(h.effective());
        }
    }
}
