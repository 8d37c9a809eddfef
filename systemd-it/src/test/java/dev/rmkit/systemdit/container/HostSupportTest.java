package dev.rmkit.systemdit.container;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A machine that cannot run the container skips the scenarios with the reason, unless CI requires them. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the probe reads /proc: a Linux container harness")
class HostSupportTest {

    @Test
    void aCapableMachineRunsTheScenarios() {
        assertDoesNotThrow(() -> HostSupport.decide(Optional.empty(), true));
        assertDoesNotThrow(() -> HostSupport.decide(Optional.empty(), false));
    }

    @Test
    void elsewhereTheyAreSkippedWithTheReason() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> HostSupport.decide(Optional.of("not root (systemd-nspawn needs root)"), false));
        assertTrue(e.getMessage().contains("not root"), e.getMessage());
    }

    @Test
    void whereTheyAreRequiredTheyFailWithTheReason() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> HostSupport.decide(Optional.of("systemd-nspawn is not installed"), true));
        assertTrue(e.getMessage().contains("systemd-nspawn is not installed")
                && e.getMessage().contains(HostSupport.REQUIRE_ENV), e.getMessage());
    }
}
