package dev.rmkit.rm.windows.jna;

import com.sun.jna.Structure;

/**
 * {@code SYSTEM_POWER_STATUS} (winbase.h), what {@code GetSystemPowerStatus} fills: {@code ACLineStatus}
 * is 0 offline (on battery), 1 online (mains), 255 unknown. Four BYTEs then two DWORDs: 12 bytes on
 * every architecture. jna-platform does not map it.
 */
@Structure.FieldOrder({"ACLineStatus", "BatteryFlag", "BatteryLifePercent", "SystemStatusFlag", "BatteryLifeTime",
        "BatteryFullLifeTime"})
public class SYSTEM_POWER_STATUS extends Structure {
    public byte ACLineStatus;
    public byte BatteryFlag;
    public byte BatteryLifePercent;
    public byte SystemStatusFlag;
    public int BatteryLifeTime;
    public int BatteryFullLifeTime;
}
