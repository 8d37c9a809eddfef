package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RmCancelledException;
import dev.rmkit.rm.RmException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Win32ErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "350, only a reboot",
        "351, could not be shut down",
        "352, could not be restarted",
        "353, 64 Restart Manager sessions",
        "776, before a shutdown",
        "1219, not the primary session",
        "121, restart the system",
        "29, registry read or write",
        "160, empty or zero",
        "5, directory",
        "6, no such session",
        "234, too small",
        "1300, not held",
    })
    void namesTheOperationTheCodeAndItsMeaning(int code, String meaning) {
        RmException e = Win32Errors.exception("RmShutdown", code);
        assertEquals("RmShutdown", e.operation());
        assertEquals(code, e.errorCode());
        assertTrue(e.getMessage().startsWith("RmShutdown: "), e.getMessage());
        assertTrue(e.getMessage().contains(meaning), e.getMessage());
        assertTrue(e.getMessage().endsWith("(error " + code + ")"), e.getMessage());
        assertFalse(e instanceof RmCancelledException);
    }

    @Test
    void cancelledBecomesTheCancelledException() {
        RmException e = Win32Errors.exception("RmRestart", 1223);
        assertInstanceOf(RmCancelledException.class, e);
        assertEquals("RmRestart", e.operation());
        assertEquals(1223, e.errorCode());
    }

    @Test
    void unknownCodesStillCarryTheirNumber() {
        RmException e = Win32Errors.exception("RmGetList", 4321);
        assertEquals(4321, e.errorCode());
        assertTrue(e.getMessage().contains("Win32 error 4321"), e.getMessage());
    }

    @Test
    void successIsNotAnError() {
        assertDoesNotThrow(() -> Win32Errors.check("RmEndSession", 0));
        assertThrows(IllegalArgumentException.class, () -> Win32Errors.exception("RmEndSession", 0));
        RmException e = assertThrows(RmException.class, () -> Win32Errors.check("RmEndSession", 6));
        assertEquals(6, e.errorCode());
    }

    @Test
    void hresultsUnwrapTheirWin32Code() {
        assertEquals(122, Win32Errors.win32FromHresult(0x8007007A));
        assertEquals(1168, Win32Errors.win32FromHresult(0x80070490));
        assertEquals(0x80004005, Win32Errors.win32FromHresult(0x80004005));
        assertDoesNotThrow(() -> Win32Errors.checkHresult("RegisterApplicationRestart", 0));
        RmException tooLong = assertThrows(RmException.class,
                () -> Win32Errors.checkHresult("RegisterApplicationRestart", Win32Errors.E_INVALIDARG));
        assertEquals(87, tooLong.errorCode());
        assertTrue(tooLong.getMessage().contains("1024"), tooLong.getMessage());
        RmException fail = assertThrows(RmException.class,
                () -> Win32Errors.checkHresult("RegisterApplicationRestart", Win32Errors.E_FAIL));
        assertTrue(fail.getMessage().contains("E_FAIL"), fail.getMessage());
    }
}
