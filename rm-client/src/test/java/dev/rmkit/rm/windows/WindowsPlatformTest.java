package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class WindowsPlatformTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void constructingTheBackendLoadsNoWindowsLibrary() {
        // Rstrtmgr, user32, kernel32 and advapi32 do not exist here: this would throw if any were loaded.
        assertEquals("windows", new WindowsPlatform().name());
    }

    @Test
    void sessionsComeFromTheRmApiAndCarryTheKey() throws RmException {
        FakeRmApi rm = new FakeRmApi();
        WindowsPlatform p = new WindowsPlatform(rm, new FakeProcessApi());
        try (RestartSession primary = p.startSession(); RestartSession joined = p.joinSession(primary.key())) {
            assertTrue(primary.isPrimary());
            assertEquals(primary.key(), joined.key());
        }
        assertEquals(2, rm.calls.stream().filter("RmEndSession"::equals).count());
    }
}
