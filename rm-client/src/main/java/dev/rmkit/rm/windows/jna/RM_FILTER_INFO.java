package dev.rmkit.rm.windows.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Union;

/**
 * {@code RM_FILTER_INFO}: one entry of the buffer {@code RmGetFilterList} fills, chained by
 * {@code cbNextOffset}. The union holds the filter's target chosen by {@code FilterTrigger}; the
 * doc page wrongly says {@code Process} is an RM_PROCESS_INFO, the header says RM_UNIQUE_PROCESS.
 * Size 32 on x64 (union at 16), 24 on x86 (union at 12) — reference/windows-api.md §1.3.
 */
@Structure.FieldOrder({"FilterAction", "FilterTrigger", "cbNextOffset", "u"})
public class RM_FILTER_INFO extends Structure {

    /** The union of the three possible targets; strings are LPWSTR (read with {@link Utf16#read}). */
    public static class Target extends Union {
        public Pointer strFilename;
        public RM_UNIQUE_PROCESS Process;
        public Pointer strServiceShortName;
    }

    /** An {@code RM_FILTER_ACTION}. */
    public int FilterAction;
    /** An {@code RM_FILTER_TRIGGER}: which member of {@link #u} is valid. */
    public int FilterTrigger;
    public int cbNextOffset;
    public Target u;

    public RM_FILTER_INFO() {
        super();
    }

    public RM_FILTER_INFO(Pointer p) {
        super(p);
        readTyped();
    }

    /** Reads the fields, then the union member that {@code FilterTrigger} selects. */
    public void readTyped() {
        read();
        switch (FilterTrigger) {
            case RestartManager.RmFilterTriggerFile -> u.setType("strFilename");
            case RestartManager.RmFilterTriggerProcess -> u.setType("Process");
            case RestartManager.RmFilterTriggerService -> u.setType("strServiceShortName");
            default -> {
                return;
            }
        }
        u.read();
    }
}
