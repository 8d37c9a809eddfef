package dev.rmkit.rm.windows;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import dev.rmkit.rm.RmException;
import java.util.Optional;

/** {@link RegistryApi} over advapi32 (64-bit view). Only runs on Windows. */
final class JnaRegistryApi implements RegistryApi {

    private static WinReg.HKEY root(Hive hive) {
        return hive == Hive.LOCAL_MACHINE ? WinReg.HKEY_LOCAL_MACHINE : WinReg.HKEY_CURRENT_USER;
    }

    @Override
    public Optional<byte[]> readRaw(Hive hive, String key, String value) throws RmException {
        WinReg.HKEYByReference k = new WinReg.HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(hive), key, 0, WinNT.KEY_READ | WinNT.KEY_WOW64_64KEY, k);
        if (rc == Win32Errors.ERROR_FILE_NOT_FOUND) {
            return Optional.empty();
        }
        Win32Errors.check("RegOpenKeyEx " + key, rc);
        try {
            IntByReference type = new IntByReference();
            IntByReference size = new IntByReference();
            rc = Advapi32.INSTANCE.RegQueryValueEx(k.getValue(), value, 0, type, (byte[]) null, size);
            if (rc == Win32Errors.ERROR_FILE_NOT_FOUND) {
                return Optional.empty();
            }
            Win32Errors.check("RegQueryValueEx " + value, rc);
            byte[] data = new byte[size.getValue()];
            Win32Errors.check("RegQueryValueEx " + value,
                    Advapi32.INSTANCE.RegQueryValueEx(k.getValue(), value, 0, type, data, size));
            return Optional.of(data);
        } finally {
            Advapi32.INSTANCE.RegCloseKey(k.getValue());
        }
    }

    @Override
    public Optional<String> getString(Hive hive, String key, String value) throws RmException {
        try {
            if (!Advapi32Util.registryValueExists(root(hive), key, value, WinNT.KEY_WOW64_64KEY)) {
                return Optional.empty();
            }
            return Optional.of(Advapi32Util.registryGetStringValue(root(hive), key, value, WinNT.KEY_WOW64_64KEY));
        } catch (Win32Exception e) {
            throw new RmException("RegQueryValueEx " + value, e.getErrorCode(), Win32Errors.describe(e.getErrorCode()), e);
        }
    }

    @Override
    public void setString(Hive hive, String key, String value, String data) throws RmException {
        try {
            Advapi32Util.registryCreateKey(root(hive), key, WinNT.KEY_WOW64_64KEY);
            Advapi32Util.registrySetStringValue(root(hive), key, value, data, WinNT.KEY_WOW64_64KEY);
        } catch (Win32Exception e) {
            throw new RmException("RegSetValueEx " + key + "\\" + value, e.getErrorCode(),
                    Win32Errors.describe(e.getErrorCode()), e);
        }
    }

    @Override
    public void setMultiString(Hive hive, String key, String value, byte[] raw) throws RmException {
        WinReg.HKEYByReference k = new WinReg.HKEYByReference();
        Win32Errors.check("RegOpenKeyEx " + key, Advapi32.INSTANCE.RegOpenKeyEx(root(hive), key, 0,
                WinNT.KEY_SET_VALUE | WinNT.KEY_WOW64_64KEY, k));
        try {
            Win32Errors.check("RegSetValueEx " + value, Advapi32.INSTANCE.RegSetValueEx(k.getValue(), value, 0,
                    WinNT.REG_MULTI_SZ, raw, raw.length));
        } finally {
            Advapi32.INSTANCE.RegCloseKey(k.getValue());
        }
    }

    @Override
    public void deleteValue(Hive hive, String key, String value) throws RmException {
        try {
            if (Advapi32Util.registryValueExists(root(hive), key, value, WinNT.KEY_WOW64_64KEY)) {
                Advapi32Util.registryDeleteValue(root(hive), key, value, WinNT.KEY_WOW64_64KEY);
            }
        } catch (Win32Exception e) {
            throw new RmException("RegDeleteValue " + key + "\\" + value, e.getErrorCode(),
                    Win32Errors.describe(e.getErrorCode()), e);
        }
    }
}
