package dev.rmkit.rm.linux.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PowerSupplies} against fixture trees shaped like {@code /sys/class/power_supply}. */
class PowerSuppliesTest {

    @TempDir Path root;

    void supply(String name, Map<String, String> attributes) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            Files.writeString(dir.resolve(a.getKey()), a.getValue() + "\n");
        }
    }

    @Test
    void aLaptopOnItsCharger() throws IOException {
        supply("AC", Map.of("type", "Mains", "online", "1"));
        supply("BAT0", Map.of("type", "Battery", "status", "Charging", "scope", "System"));
        assertEquals(Optional.of(true), PowerSupplies.onAc(root));
    }

    @Test
    void aLaptopOnBattery() throws IOException {
        supply("AC", Map.of("type", "Mains", "online", "0"));
        supply("BAT0", Map.of("type", "Battery", "status", "Discharging"));
        assertEquals(Optional.of(false), PowerSupplies.onAc(root));
    }

    @Test
    void aBatteryWithoutAMainsEntrySaysItByItsStatus() throws IOException {
        supply("BAT1", Map.of("type", "Battery", "status", "Full"));
        assertEquals(Optional.of(true), PowerSupplies.onAc(root));
    }

    @Test
    void aMouseBatteryIsNotTheMachines() throws IOException {
        supply("hidpp_battery_0", Map.of("type", "Battery", "status", "Discharging", "scope", "Device"));
        assertEquals(Optional.empty(), PowerSupplies.onAc(root));
    }

    @Test
    void aUsbCChargerCountsAsMains() throws IOException {
        supply("ucsi-source-psy-USBC000:001", Map.of("type", "USB", "online", "1"));
        supply("BAT0", Map.of("type", "Battery", "status", "Discharging"));
        assertEquals(Optional.of(true), PowerSupplies.onAc(root));
    }

    @Test
    void aServerOrAContainerCannotTell() {
        assertEquals(Optional.empty(), PowerSupplies.onAc(root));
        assertEquals(Optional.empty(), PowerSupplies.onAc(root.resolve("missing")));
    }
}
