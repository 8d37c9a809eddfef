package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.WinDef;
import org.junit.jupiter.api.Test;

/** The checks of the window plumbing that can run without user32 (item 12 of issue 13). */
class JnaWindowApiTest {

    @Test
    void registerClassExFailureIsAZeroAtomNotANullObject() {
        // jna-platform maps RegisterClassEx's ATOM return to a WinDef.ATOM object, never null.
        assertFalse(JnaWindowApi.classRegistered(new WinDef.ATOM(0)));
        assertFalse(JnaWindowApi.classRegistered(null));
        assertTrue(JnaWindowApi.classRegistered(new WinDef.ATOM(0xC1A5)));
    }
}
