package dev.rmkit.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeFlagTest {

    @Test
    void masksRoundTripForEveryFlagType() {
        assertEquals(EnumSet.allOf(AppStatus.class),
                NativeFlag.fromMask(AppStatus.class, NativeFlag.toMask(EnumSet.allOf(AppStatus.class))));
        assertEquals(0xFF, NativeFlag.toMask(EnumSet.allOf(AppStatus.class)));
        assertEquals(0x1F, NativeFlag.toMask(EnumSet.allOf(RebootReason.class)));
        assertEquals(0x0F, NativeFlag.toMask(EnumSet.allOf(RestartFlag.class)));
        assertEquals(0x11, NativeFlag.toMask(EnumSet.allOf(ShutdownOption.class)));
    }

    @Test
    void unknownBitsAreIgnored() {
        assertEquals(EnumSet.of(RebootReason.PERMISSION_DENIED, RebootReason.DETECTED_SELF),
                NativeFlag.fromMask(RebootReason.class, 0x1 | 0x10 | 0x100));
    }

    @Test
    void logoffIsTheTopBitNotASignExtendedInt() {
        // ENDSESSION_LOGOFF is 0x80000000: decoding an lParam of that value must find LOGOFF only.
        assertEquals(EnumSet.of(EndSessionFlag.LOGOFF), NativeFlag.fromMask(EndSessionFlag.class, 0x80000000));
        assertEquals(EnumSet.of(EndSessionFlag.CLOSE_APP, EndSessionFlag.CRITICAL),
                NativeFlag.fromMask(EndSessionFlag.class, 0x40000001));
        assertEquals(Set.of(), NativeFlag.fromMask(EndSessionFlag.class, 0));
    }

    @Test
    void appTypesDecodeNativeValuesAndUnknownFallsBack() {
        assertEquals(AppType.CRITICAL, AppType.fromNative(1000));
        assertEquals(AppType.CONSOLE, AppType.fromNative(5));
        assertEquals(AppType.UNKNOWN, AppType.fromNative(42));
    }
}
