package dev.rmkit.rm.linux.systemd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeverRestartedTest {

    @Test
    void theBusLogindDisplayManagersGettysAndUserManagersAreNeverRestarted() {
        for (String unit : new String[] {"dbus.service", "dbus-broker.service", "systemd-logind.service", "gdm3.service",
                "lightdm.service", "display-manager.service", "getty@tty1.service", "serial-getty@ttyS0.service",
                "user@1000.service", "NetworkManager.service", "openvpn@office.service", "rescue.service"}) {
            assertTrue(NeverRestarted.reason(unit).isPresent(), unit);
        }
    }

    @Test
    void ordinaryServicesAndLookAlikesMayBeRestarted() {
        for (String unit : new String[] {"nginx.service", "app.service", "burner.service", "dbus-helper.service",
                "my-lightdm.service", "user-notes.service", "getty-stats.service"}) {
            assertFalse(NeverRestarted.reason(unit).isPresent(), unit);
        }
    }
}
