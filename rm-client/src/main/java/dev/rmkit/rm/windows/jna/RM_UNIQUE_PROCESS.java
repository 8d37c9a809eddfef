package dev.rmkit.rm.windows.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinBase.FILETIME;

/**
 * {@code RM_UNIQUE_PROCESS}: a PID plus the process creation time, which together survive PID reuse.
 * 12 bytes, align 4, on x86 and x64 (reference/windows-api.md §1.3).
 */
@Structure.FieldOrder({"dwProcessId", "ProcessStartTime"})
public class RM_UNIQUE_PROCESS extends Structure {
    public int dwProcessId;
    /** From {@code GetProcessTimes(lpCreationTime)}. */
    public FILETIME ProcessStartTime;

    public RM_UNIQUE_PROCESS() {
        super();
    }

    public RM_UNIQUE_PROCESS(Pointer p) {
        super(p);
        read();
    }
}
