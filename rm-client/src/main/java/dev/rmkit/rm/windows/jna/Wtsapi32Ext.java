package dev.rmkit.rm.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * What rmkit needs from wtsapi32 and jna-platform's {@code Wtsapi32} lacks: {@code WTSQueryUserToken}
 * (wtsapi32.h), the primary token of the user logged on to a session. Only a LocalSystem caller with
 * SE_TCB_NAME may call it (1314 ERROR_PRIVILEGE_NOT_HELD otherwise; 1008 ERROR_NO_TOKEN when nobody is
 * logged on to that session). The caller closes the token.
 */
public interface Wtsapi32Ext extends StdCallLibrary {

    /** The library, loaded on first use. */
    static Wtsapi32Ext instance() {
        return Holder.INSTANCE;
    }

    /** Lazy holder of the loaded library. */
    final class Holder {
        private Holder() {}

        static final Wtsapi32Ext INSTANCE = Native.load("wtsapi32", Wtsapi32Ext.class, W32APIOptions.DEFAULT_OPTIONS);
    }

    boolean WTSQueryUserToken(int SessionId, HANDLEByReference phToken);
}
