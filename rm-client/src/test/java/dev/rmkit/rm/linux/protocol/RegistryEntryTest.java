package dev.rmkit.rm.linux.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class RegistryEntryTest {

    @EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX absolute paths in the Linux registry's wire format")
    @Test
    void roundTripsWithRestartCommandAndFlags() throws Exception {
        RestartCommand cmd = new RestartCommand(List.of("/usr/bin/burner", "--restore", "/s/state.json"), Path.of("/home/u"),
                Set.of(RestartFlag.NO_REBOOT));
        RegistryEntry e = new RegistryEntry(1, 42, 18009, 1000, "burner", "/run/user/1000/rmkit/apps/42.sock", null)
                .withRestart(Optional.of(cmd));
        String json = Json.MAPPER.writeValueAsString(e);
        assertEquals("{\"v\":1,\"pid\":42,\"startTicks\":18009,\"uid\":1000,\"appId\":\"burner\","
                + "\"socket\":\"/run/user/1000/rmkit/apps/42.sock\",\"restart\":{\"argv\":[\"/usr/bin/burner\",\"--restore\","
                + "\"/s/state.json\"],\"cwd\":\"/home/u\",\"flags\":[\"no-reboot\"]}}", json);
        RegistryEntry back = Json.MAPPER.readValue(json, RegistryEntry.class);
        assertEquals(e, back);
        assertEquals(Optional.of(cmd), back.restartCommand());
    }

    @Test
    void rejectsBadAppIdsAndVersions() {
        assertThrows(IllegalArgumentException.class, () -> new RegistryEntry(1, 42, 1, 0, "../x", "/s", null));
        assertThrows(ValueInstantiationException.class, () -> Json.MAPPER.readValue(
                "{\"v\":2,\"pid\":42,\"startTicks\":1,\"uid\":0,\"appId\":\"a\",\"socket\":\"/s\"}", RegistryEntry.class));
    }
}
