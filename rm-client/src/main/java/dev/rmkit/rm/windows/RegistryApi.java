package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.util.Optional;

/** The few registry operations rmkit needs, on HKLM or HKCU. */
interface RegistryApi {

    enum Hive {
        LOCAL_MACHINE,
        CURRENT_USER
    }

    /** A value's raw bytes (REG_MULTI_SZ keeps its empty strings), or empty if the key or value is absent. */
    Optional<byte[]> readRaw(Hive hive, String key, String value) throws RmException;

    Optional<String> getString(Hive hive, String key, String value) throws RmException;

    /** Creates the key if needed. */
    void setString(Hive hive, String key, String value, String data) throws RmException;

    /** Writes a REG_MULTI_SZ value from its raw UTF-16LE bytes (its strings and terminators as they are). */
    void setMultiString(Hive hive, String key, String value, byte[] raw) throws RmException;

    /** Removes a value; absent is fine. */
    void deleteValue(Hive hive, String key, String value) throws RmException;
}
