package dev.rmkit.updater.manifest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdateException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestPolicyTest {

    private static Manifest manifest(String product, String channel, String version) {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        return new Manifest(product, channel, version, now, now.plusSeconds(3600), List.of(), List.of(), false);
    }

    private static Optional<ManifestPolicy.Installed> installed(String version) {
        return Optional.of(new ManifestPolicy.Installed("rmkit-burner", "stable", version));
    }

    private static String rejection(Manifest m, Optional<ManifestPolicy.Installed> i, boolean downgrade) {
        UpdateException e = assertThrows(UpdateException.class, () -> ManifestPolicy.checkAgainstInstalled(m, i, downgrade));
        assertEquals(ExitCode.REJECTED, e.exitCode());
        return e.getMessage();
    }

    @Test
    void freshInstallAcceptsAnyRelease() {
        assertDoesNotThrow(() -> ManifestPolicy.checkAgainstInstalled(manifest("x", "y", "0.1"), Optional.empty(), false));
    }

    @Test
    void newerVersionOfTheSameProductAndChannelIsAccepted() {
        assertDoesNotThrow(() -> ManifestPolicy.checkAgainstInstalled(manifest("rmkit-burner", "stable", "1.10.0"), installed("1.9.0"), false));
    }

    @Test
    void rejectsAnotherProduct() {
        assertTrue(rejection(manifest("other", "stable", "2.0"), installed("1.0"), true).startsWith("wrong product"));
    }

    @Test
    void rejectsAnotherChannel() {
        assertTrue(rejection(manifest("rmkit-burner", "beta", "2.0"), installed("1.0"), true).startsWith("wrong channel"));
    }

    @Test
    void rejectsOlderAndSameVersionUnlessDowngradeIsAllowed() {
        String msg = rejection(manifest("rmkit-burner", "stable", "1.0.0"), installed("1.1.0"), false);
        assertEquals("version 1.0.0 is not newer than the installed 1.1.0 (use --allow-downgrade to go back)", msg);
        rejection(manifest("rmkit-burner", "stable", "1.1.0"), installed("1.1.0"), false);
        rejection(manifest("rmkit-burner", "stable", "1.1.0-rc.1"), installed("1.1.0"), false);
        assertDoesNotThrow(() -> ManifestPolicy.checkAgainstInstalled(manifest("rmkit-burner", "stable", "1.0.0"), installed("1.1.0"), true));
    }

    @Test
    void recognisesTheInstalledRelease() {
        assertTrue(ManifestPolicy.isInstalledRelease(manifest("rmkit-burner", "stable", "1.1"), installed("1.1.0")));
        assertFalse(ManifestPolicy.isInstalledRelease(manifest("rmkit-burner", "stable", "1.2"), installed("1.1.0")));
        assertFalse(ManifestPolicy.isInstalledRelease(manifest("rmkit-burner", "stable", "1.2"), Optional.empty()));
    }
}
