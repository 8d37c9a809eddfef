package dev.rmkit.rm.windows.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code RM_PROCESS_INFO}: one entry of {@code RmGetList}. 668 bytes (0x29C), align 4, the same on
 * x86 and x64 (no pointers). The WCHAR arrays are 16-bit units; decode them with {@link Utf16}.
 * Offsets: Process 0, strAppName 12, strServiceShortName 524, ApplicationType 652, AppStatus 656,
 * TSSessionId 660, bRestartable 664 (reference/windows-api.md §1.3).
 */
@Structure.FieldOrder({"Process", "strAppName", "strServiceShortName", "ApplicationType", "AppStatus",
        "TSSessionId", "bRestartable"})
public class RM_PROCESS_INFO extends Structure {
    public RM_UNIQUE_PROCESS Process;
    public short[] strAppName = new short[RestartManager.CCH_RM_MAX_APP_NAME + 1];
    public short[] strServiceShortName = new short[RestartManager.CCH_RM_MAX_SVC_NAME + 1];
    /** An {@code RM_APP_TYPE}. */
    public int ApplicationType;
    /** {@code RM_APP_STATUS} bits. */
    public int AppStatus;
    public int TSSessionId;
    /** BOOL. */
    public int bRestartable;

    public RM_PROCESS_INFO() {
        super();
    }

    public RM_PROCESS_INFO(Pointer p) {
        super(p);
        read();
    }
}
