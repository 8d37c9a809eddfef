package dev.rmkit.rm.windows.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Union;

/**
 * {@code REASON_CONTEXT} for {@code PowerCreateRequest}: the reason shown by {@code powercfg /requests}.
 * x64 size 32 (union at offset 8), x86 size 24 (reference/windows-api.md §6). rmkit uses only the
 * simple-string form; the detailed member is declared so the union has its real size.
 */
@Structure.FieldOrder({"Version", "Flags", "Reason"})
public class REASON_CONTEXT extends Structure {

    /** The {@code Detailed} member: a localized resource string. */
    @Structure.FieldOrder({"LocalizedReasonModule", "LocalizedReasonId", "ReasonStringCount", "ReasonStrings"})
    public static class DETAILED extends Structure {
        public Pointer LocalizedReasonModule;
        public int LocalizedReasonId;
        public int ReasonStringCount;
        public Pointer ReasonStrings;
    }

    /** The union of the detailed and the simple form. */
    public static class REASON extends Union {
        public DETAILED Detailed;
        public Pointer SimpleReasonString;
    }

    /** {@code POWER_REQUEST_CONTEXT_VERSION}. */
    public int Version;
    public int Flags;
    public REASON Reason;

    /** Keeps the UTF-16 copy of the reason alive as long as this structure. */
    private Memory reasonText;

    public REASON_CONTEXT() {
        super();
    }

    /** A simple-string context holding {@code reason}. */
    public static REASON_CONTEXT simple(String reason) {
        REASON_CONTEXT c = new REASON_CONTEXT();
        c.Version = Kernel32Ext.POWER_REQUEST_CONTEXT_VERSION;
        c.Flags = Kernel32Ext.POWER_REQUEST_CONTEXT_SIMPLE_STRING;
        c.reasonText = Utf16.allocate(reason);
        c.Reason.setType("SimpleReasonString");
        c.Reason.SimpleReasonString = c.reasonText;
        c.write();
        return c;
    }
}
