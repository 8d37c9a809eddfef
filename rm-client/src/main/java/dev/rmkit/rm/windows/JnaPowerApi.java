package dev.rmkit.rm.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import dev.rmkit.rm.windows.jna.REASON_CONTEXT;

/** {@link PowerApi} over kernel32. Only runs on Windows. */
final class JnaPowerApi implements PowerApi {

    @Override
    public long createRequest(String reason) {
        try {
            HANDLE h = Kernel32Ext.instance().PowerCreateRequest(REASON_CONTEXT.simple(reason));
            if (h == null || WinBase.INVALID_HANDLE_VALUE.equals(h)) {
                return 0;
            }
            return Pointer.nativeValue(h.getPointer());
        } catch (UnsatisfiedLinkError e) {
            return 0; // before Windows 7: the caller falls back to SetThreadExecutionState
        }
    }

    @Override
    public boolean setRequest(long request, int type) {
        return Kernel32Ext.instance().PowerSetRequest(handle(request), type);
    }

    @Override
    public boolean clearRequest(long request, int type) {
        return Kernel32Ext.instance().PowerClearRequest(handle(request), type);
    }

    @Override
    public void closeRequest(long request) {
        Kernel32.INSTANCE.CloseHandle(handle(request));
    }

    @Override
    public int setThreadExecutionState(int flags) {
        return Kernel32.INSTANCE.SetThreadExecutionState(flags);
    }

    private static HANDLE handle(long value) {
        return new HANDLE(new Pointer(value));
    }
}
