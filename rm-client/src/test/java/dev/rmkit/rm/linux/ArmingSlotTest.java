package dev.rmkit.rm.linux;

import static dev.rmkit.rm.linux.TestListings.listed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.linux.protocol.RegistryEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A slot keeps the app's environment as it was when the slot was made, copied then and not after the exit. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend's Arming and Launcher (over ProcFs)")
class ArmingSlotTest {

    @Test
    void theEnvironmentIsASnapshotTakenWhenTheSlotIsMade() throws IOException {
        Arming arming = new Arming(new Launcher(new ProcFs(Path.of("/proc")), 0), a -> false);
        Map<String, String> env = new HashMap<>(Map.of("HOME", "/home/u", "LANG", "C.UTF-8"));
        Arming.Slot slot = arming.slot(listed(10), env);
        env.put("HOME", "/elsewhere");
        env.put("EXTRA", "1");
        assertEquals(Map.of("HOME", "/home/u", "LANG", "C.UTF-8"), slot.environment());
        assertThrows(UnsupportedOperationException.class, () -> slot.environment().put("X", "1"));
        arming.close();
    }

    /** The record made after the app's exit takes the slot's map as it is: nothing is copied (hashed) then. */
    @Test
    void theClosedRecordUsesTheSlotsCopyAsItIs() throws IOException {
        Arming arming = new Arming(new Launcher(new ProcFs(Path.of("/proc")), 0), a -> false);
        Listed a = listed(11);
        Arming.Slot slot = arming.slot(a, new HashMap<>(Map.of("PATH", "/usr/bin")));
        Closed c = new Closed(a, slot.environment(), slot);
        assertSame(slot.environment(), c.environment());
        assertEquals(Optional.empty(), c.command());
        arming.close();
    }

    /** The registered command is parsed from the registry entry when the record is made (before the close). */
    @Test
    void theClosedRecordCarriesTheRegisteredCommandAsListed() throws IOException {
        Arming arming = new Arming(new Launcher(new ProcFs(Path.of("/proc")), 0), a -> false);
        RegistryEntry entry = new RegistryEntry(RegistryEntry.VERSION, 12, 18009, 1000, "app", "/run/user/1000/app.sock",
                new RegistryEntry.Restart(List.of("/opt/app/bin/app", "--resume"), "/opt/app", List.of("no-patch")));
        Listed a = listed(12, Optional.of(new Registry.Lookup.Registered(entry, Path.of("/run/user/1000/rmkit"))));
        Closed c = new Closed(a, Map.of(), arming.slot(a, Map.of()));
        assertEquals(Optional.of(new RestartCommand(List.of("/opt/app/bin/app", "--resume"), Path.of("/opt/app"),
                EnumSet.of(RestartFlag.NO_PATCH))), c.command());
        assertEquals(a.registeredCommand(), c.command());
        arming.close();
    }
}
