package dev.rmkit.rm.windows.jna;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * {@code Rstrtmgr.dll}, the Restart Manager: every exported, documented function (signatures from
 * mingw-w64 {@code restartmanager.h}, reference/windows-api.md §1.1). Every function returns a Win32
 * error code directly; do not call GetLastError.
 *
 * <p>Loaded with {@link W32APIOptions#UNICODE_OPTIONS} so that {@code String[]} arguments
 * (RmRegisterResources) are passed as wide strings (pitfall 5), and only when {@link #instance()} is
 * first called, so that Linux never loads it.
 */
public interface Rstrtmgr extends StdCallLibrary {

    /** The library, loaded on first use. */
    static Rstrtmgr instance() {
        return Holder.INSTANCE;
    }

    /** Lazy holder: class initialisation (and the DLL load) happens on the first {@link #instance()}. */
    final class Holder {
        private Holder() {}

        static final Rstrtmgr INSTANCE = Native.load("Rstrtmgr", Rstrtmgr.class, W32APIOptions.UNICODE_OPTIONS);
    }

    /**
     * {@code RM_WRITE_STATUS_CALLBACK}: progress 0..100. The typedef has no WINAPI, so it is cdecl on
     * 32-bit x86: a plain {@link Callback}, not a StdCallCallback. The caller must keep the object
     * strongly reachable for the whole RmShutdown/RmRestart call.
     */
    interface RM_WRITE_STATUS_CALLBACK extends Callback {
        void invoke(int nPercentComplete);
    }

    /** {@code strSessionKey} must be a zeroed buffer of {@code CCH_RM_SESSION_KEY + 1} chars (pitfall 4). */
    int RmStartSession(IntByReference pSessionHandle, int dwSessionFlags, char[] strSessionKey);

    /** {@code strSessionKey}: {@code _In_reads_(CCH_RM_SESSION_KEY + 1)}, a zero-padded buffer of 33 chars. */
    int RmJoinSession(IntByReference pSessionHandle, char[] strSessionKey);

    int RmEndSession(int dwSessionHandle);

    int RmRegisterResources(int dwSessionHandle, int nFiles, String[] rgsFileNames, int nApplications,
            RM_UNIQUE_PROCESS[] rgApplications, int nServices, String[] rgsServiceNames);

    /** {@code rgAffectedApps} contiguous (from {@code toArray}) or null when {@code *pnProcInfo} is 0. */
    int RmGetList(int dwSessionHandle, IntByReference pnProcInfoNeeded, IntByReference pnProcInfo,
            RM_PROCESS_INFO[] rgAffectedApps, IntByReference lpdwRebootReasons);

    int RmShutdown(int dwSessionHandle, int lActionFlags, RM_WRITE_STATUS_CALLBACK fnStatus);

    /** {@code dwRestartFlags} is reserved: 0. */
    int RmRestart(int dwSessionHandle, int dwRestartFlags, RM_WRITE_STATUS_CALLBACK fnStatus);

    int RmCancelCurrentTask(int dwSessionHandle);

    /** Exactly one of module, process and service is non-null. */
    int RmAddFilter(int dwSessionHandle, String strModuleName, RM_UNIQUE_PROCESS pProcess,
            String strServiceShortName, int FilterAction);

    int RmRemoveFilter(int dwSessionHandle, String strModuleName, RM_UNIQUE_PROCESS pProcess,
            String strServiceShortName);

    int RmGetFilterList(int dwSessionHandle, Pointer pbFilterBuf, int cbFilterBuf, IntByReference cbFilterBufNeeded);
}
