package dev.rmkit.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RmPlatformsTest {

    @Test
    void picksTheBackendFromOsName() {
        assertEquals(RmPlatforms.WINDOWS, RmPlatforms.backendClassFor("Windows 11"));
        assertEquals(RmPlatforms.WINDOWS, RmPlatforms.backendClassFor("Windows Server 2022"));
        assertEquals(RmPlatforms.LINUX, RmPlatforms.backendClassFor("Linux"));
    }

    @Test
    void anOsWithoutBackendIsAClearError() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> RmPlatforms.backendClassFor("Mac OS X"));
        assertEquals("rmkit has no Restart Manager backend for Mac OS X", e.getMessage());
    }
}
