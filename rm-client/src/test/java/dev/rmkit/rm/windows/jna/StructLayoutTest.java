package dev.rmkit.rm.windows.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Windows x64 layout of the Restart Manager structures (reference/windows-api.md §1.3, §6),
 * checked on whatever OS runs the build. Building these structures never loads a Windows DLL.
 */
class StructLayoutTest {

    /** {@code Structure.fieldOffset} is protected; the layout is what these tests are about. */
    static int offset(Structure s, String field) {
        try {
            Method m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
            m.setAccessible(true);
            return (int) m.invoke(s, field);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void uniqueProcessIsTwelveBytesWithStartTimeAtFour() {
        RM_UNIQUE_PROCESS p = new RM_UNIQUE_PROCESS();
        assertEquals(12, p.size());
        assertEquals(0, offset(p, "dwProcessId"));
        assertEquals(4, offset(p, "ProcessStartTime"));
    }

    @Test
    void processInfoHasTheWindowsLayoutOnEveryOs() {
        RM_PROCESS_INFO info = new RM_PROCESS_INFO();
        assertEquals(668, info.size());
        assertEquals(0, offset(info, "Process"));
        assertEquals(12, offset(info, "strAppName"));
        assertEquals(524, offset(info, "strServiceShortName"));
        assertEquals(652, offset(info, "ApplicationType"));
        assertEquals(656, offset(info, "AppStatus"));
        assertEquals(660, offset(info, "TSSessionId"));
        assertEquals(664, offset(info, "bRestartable"));
    }

    @Test
    void filterInfoPutsItsUnionAfterPointerAlignment() {
        RM_FILTER_INFO f = new RM_FILTER_INFO();
        assertEquals(0, offset(f, "FilterAction"));
        assertEquals(4, offset(f, "FilterTrigger"));
        assertEquals(8, offset(f, "cbNextOffset"));
        if (Native.POINTER_SIZE == 8) {
            assertEquals(16, offset(f, "u"));
            assertEquals(32, f.size());
        } else {
            assertEquals(12, offset(f, "u"));
            assertEquals(24, f.size());
        }
    }

    @Test
    void userObjectFlagsIsTwelveBytes() {
        USEROBJECTFLAGS f = new USEROBJECTFLAGS();
        assertEquals(12, f.size());
        assertEquals(8, offset(f, "dwFlags"));
    }

    @Test
    void systemPowerStatusIsFourBytesThenTwoDwords() {
        SYSTEM_POWER_STATUS s = new SYSTEM_POWER_STATUS();
        assertEquals(12, s.size());
        assertEquals(0, offset(s, "ACLineStatus"));
        assertEquals(3, offset(s, "SystemStatusFlag"));
        assertEquals(4, offset(s, "BatteryLifeTime"));
        assertEquals(8, offset(s, "BatteryFullLifeTime"));
    }

    @Test
    void startupInfoHasTheWindowsLayout() {
        STARTUPINFOW si = new STARTUPINFOW();
        if (Native.POINTER_SIZE == 8) {
            assertEquals(104, si.size());
            assertEquals(16, offset(si, "lpDesktop"));
            assertEquals(64, offset(si, "wShowWindow"));
            assertEquals(72, offset(si, "lpReserved2"));
        } else {
            assertEquals(68, si.size());
        }
        assertEquals(si.size(), si.cb, "cb is set to the size");
    }

    @Test
    void reasonContextIsThirtyTwoBytesOn64Bit() {
        REASON_CONTEXT c = REASON_CONTEXT.simple("Burning a disc");
        assertEquals(Native.POINTER_SIZE == 8 ? 32 : 24, c.size());
        assertEquals(8, offset(c, "Reason"));
        assertEquals(1, c.getPointer().getInt(4), "POWER_REQUEST_CONTEXT_SIMPLE_STRING");
        assertEquals("Burning a disc", Utf16.read(c.getPointer().getPointer(8), 0));
    }

    @Test
    void processInfoDecodesBytesWrittenInTheWindowsLayout() {
        ByteBuffer b = ByteBuffer.allocate(668).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 4242);
        long fileTime = 133_000_000_000_000_000L;
        b.putInt(4, (int) fileTime);
        b.putInt(8, (int) (fileTime >>> 32));
        byte[] name = "Café Burner ✓".getBytes(StandardCharsets.UTF_16LE);
        b.put(12, name);
        byte[] svc = "burnsvc".getBytes(StandardCharsets.UTF_16LE);
        b.put(524, svc);
        b.putInt(652, RestartManager.RmMainWindow);
        b.putInt(656, RestartManager.RmStatusRunning | RestartManager.RmStatusErrorOnStop);
        b.putInt(660, 1);
        b.putInt(664, 1);
        Memory m = new Memory(668);
        m.write(0, b.array(), 0, 668);

        RM_PROCESS_INFO info = new RM_PROCESS_INFO(m);

        assertEquals(4242, info.Process.dwProcessId);
        assertEquals(fileTime, fileTimeOf(info.Process));
        assertEquals("Café Burner ✓", Utf16.decode(info.strAppName));
        assertEquals("burnsvc", Utf16.decode(info.strServiceShortName));
        assertEquals(RestartManager.RmMainWindow, info.ApplicationType);
        assertEquals(0x11, info.AppStatus);
        assertEquals(1, info.TSSessionId);
        assertEquals(1, info.bRestartable);
    }

    @Test
    void processInfoArraysAreContiguousAt668ByteStrides() {
        RM_PROCESS_INFO[] array = (RM_PROCESS_INFO[]) new RM_PROCESS_INFO().toArray(3);
        assertEquals(668, Pointer.nativeValue(array[1].getPointer()) - Pointer.nativeValue(array[0].getPointer()));
    }

    static long fileTimeOf(RM_UNIQUE_PROCESS p) {
        return (Integer.toUnsignedLong(p.ProcessStartTime.dwHighDateTime) << 32)
                | Integer.toUnsignedLong(p.ProcessStartTime.dwLowDateTime);
    }
}
