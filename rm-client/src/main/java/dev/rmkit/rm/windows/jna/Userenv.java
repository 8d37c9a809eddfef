package dev.rmkit.rm.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * {@code userenv.dll}: the environment block of a user, built from the user's token, for a process
 * started as that user ({@code CreateEnvironmentBlock}; pass it with CREATE_UNICODE_ENVIRONMENT, then
 * {@code DestroyEnvironmentBlock}). A primary token needs TOKEN_QUERY | TOKEN_DUPLICATE.
 */
public interface Userenv extends StdCallLibrary {

    /** The library, loaded on first use. */
    static Userenv instance() {
        return Holder.INSTANCE;
    }

    /** Lazy holder of the loaded library. */
    final class Holder {
        private Holder() {}

        static final Userenv INSTANCE = Native.load("userenv", Userenv.class, W32APIOptions.DEFAULT_OPTIONS);
    }

    boolean CreateEnvironmentBlock(PointerByReference lpEnvironment, HANDLE hToken, boolean bInherit);

    boolean DestroyEnvironmentBlock(Pointer lpEnvironment);
}
