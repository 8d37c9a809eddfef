package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmCancelledException;
import dev.rmkit.rm.RmException;
import java.util.Map;

/**
 * The one place where Win32 error codes and HRESULTs become rmkit exceptions. Pure Java, so the
 * mapping is tested on every OS. Values from mingw-w64 {@code winerror.h}; meanings from the
 * Restart Manager and shutdown doc pages (reference/windows-api.md §1.5, §3, §7).
 */
public final class Win32Errors {

    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_INVALID_FUNCTION = 1;
    /** The doc of RmRemoveFilter says 1; the header value is 2. */
    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_INVALID_HANDLE = 6;
    public static final int ERROR_OUTOFMEMORY = 14;
    public static final int ERROR_NOT_READY = 21;
    public static final int ERROR_WRITE_FAULT = 29;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
    public static final int ERROR_SEM_TIMEOUT = 121;
    public static final int ERROR_PROC_NOT_FOUND = 127;
    /** The RmJoinSession doc says 22; 22 is ERROR_BAD_COMMAND. */
    public static final int ERROR_BAD_ARGUMENTS = 160;
    public static final int ERROR_MORE_DATA = 234;
    /** There is no ERROR_FAIL_NOACTION: this is the code. */
    public static final int ERROR_FAIL_NOACTION_REBOOT = 350;
    public static final int ERROR_FAIL_SHUTDOWN = 351;
    public static final int ERROR_FAIL_RESTART = 352;
    public static final int ERROR_MAX_SESSIONS_REACHED = 353;
    public static final int ERROR_REQUEST_OUT_OF_SEQUENCE = 776;
    public static final int ERROR_SHUTDOWN_IN_PROGRESS = 1115;
    public static final int ERROR_SHUTDOWN_IS_SCHEDULED = 1190;
    public static final int ERROR_SHUTDOWN_USERS_LOGGED_ON = 1191;
    public static final int ERROR_SESSION_CREDENTIAL_CONFLICT = 1219;
    public static final int ERROR_CANCELLED = 1223;
    public static final int ERROR_NOT_ALL_ASSIGNED = 1300;
    public static final int ERROR_NO_TOKEN = 1008;
    public static final int ERROR_PRIVILEGE_NOT_HELD = 1314;
    public static final int ERROR_INVALID_WINDOW_HANDLE = 1400;
    public static final int ERROR_TIMEOUT = 1460;

    public static final int S_OK = 0;
    public static final int E_FAIL = 0x80004005;
    public static final int E_INVALIDARG = 0x80070057;

    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(ERROR_INVALID_FUNCTION, "the function is not supported here"),
            Map.entry(ERROR_FILE_NOT_FOUND, "no such file or filter"),
            Map.entry(ERROR_ACCESS_DENIED, "access denied (a registered path is a directory, or a privilege is missing)"),
            Map.entry(ERROR_INVALID_HANDLE, "no such session (it was ended, or the handle is not valid)"),
            Map.entry(ERROR_OUTOFMEMORY, "out of memory"),
            Map.entry(ERROR_NOT_READY, "the system is not ready (nobody is logged on)"),
            Map.entry(ERROR_WRITE_FAULT, "a registry read or write failed"),
            Map.entry(ERROR_INVALID_PARAMETER, "an argument is not valid"),
            Map.entry(ERROR_CALL_NOT_IMPLEMENTED, "not implemented on this system (Wine stubs answer this)"),
            Map.entry(ERROR_SEM_TIMEOUT, "could not obtain the registry write mutex; restart the system, further use is likely to fail"),
            Map.entry(ERROR_PROC_NOT_FOUND, "the function is missing from this version of Windows"),
            Map.entry(ERROR_BAD_ARGUMENTS, "a required argument was empty or zero"),
            Map.entry(ERROR_MORE_DATA, "the buffer was too small"),
            Map.entry(ERROR_FAIL_NOACTION_REBOOT, "nothing was shut down: only a reboot can free the resources"),
            Map.entry(ERROR_FAIL_SHUTDOWN, "some applications could not be shut down"),
            Map.entry(ERROR_FAIL_RESTART, "some applications could not be restarted"),
            Map.entry(ERROR_MAX_SESSIONS_REACHED, "64 Restart Manager sessions are already open in this user session"),
            Map.entry(ERROR_REQUEST_OUT_OF_SEQUENCE, "restart was requested before a shutdown in this session"),
            Map.entry(ERROR_SHUTDOWN_IN_PROGRESS, "a system shutdown is already in progress"),
            Map.entry(ERROR_SHUTDOWN_IS_SCHEDULED, "a system shutdown is already scheduled"),
            Map.entry(ERROR_SHUTDOWN_USERS_LOGGED_ON, "other users are logged on"),
            Map.entry(ERROR_SESSION_CREDENTIAL_CONFLICT,
                    "not the primary session (only the process that started it may do this), or the session key is not valid"),
            Map.entry(ERROR_CANCELLED, "cancelled"),
            Map.entry(ERROR_NOT_ALL_ASSIGNED, "the privilege is not held by this account"),
            Map.entry(ERROR_NO_TOKEN, "nobody is logged on to that session"),
            Map.entry(ERROR_PRIVILEGE_NOT_HELD, "a required privilege is not held by this process"),
            Map.entry(ERROR_INVALID_WINDOW_HANDLE, "the window no longer exists"),
            Map.entry(ERROR_TIMEOUT, "no answer in time"));

    private Win32Errors() {}

    /** A readable meaning of {@code code}; a generic text for codes rmkit does not know. */
    public static String describe(int code) {
        String m = MEANINGS.get(code);
        return m != null ? m : "Win32 error " + Integer.toUnsignedString(code);
    }

    /**
     * The exception for {@code code} returned by {@code operation}: {@link RmCancelledException} for
     * ERROR_CANCELLED, an {@link RmException} carrying operation and code otherwise.
     */
    public static RmException exception(String operation, int code) {
        if (code == ERROR_SUCCESS) {
            throw new IllegalArgumentException(operation + " succeeded; there is no exception for 0");
        }
        if (code == ERROR_CANCELLED) {
            return new RmCancelledException(operation, code);
        }
        return new RmException(operation, code, describe(code));
    }

    /** Throws the exception for {@code code} unless it is ERROR_SUCCESS. */
    public static void check(String operation, int code) throws RmException {
        if (code != ERROR_SUCCESS) {
            throw exception(operation, code);
        }
    }

    /** The Win32 code inside an {@code HRESULT_FROM_WIN32} value, or the HRESULT itself if it is not one. */
    public static int win32FromHresult(int hresult) {
        return (hresult & 0xFFFF0000) == 0x80070000 ? hresult & 0xFFFF : hresult;
    }

    /** Throws for a failed HRESULT (negative), with the Win32 code when it wraps one. */
    public static void checkHresult(String operation, int hresult) throws RmException {
        if (hresult >= 0) {
            return;
        }
        String meaning = switch (hresult) {
            case E_FAIL -> "internal error (E_FAIL)";
            case E_INVALIDARG -> "an argument is not valid, for example a command line over 1024 characters (E_INVALIDARG)";
            default -> (hresult & 0xFFFF0000) == 0x80070000
                    ? describe(win32FromHresult(hresult))
                    : "HRESULT 0x" + Integer.toHexString(hresult).toUpperCase(java.util.Locale.ROOT);
        };
        throw new RmException(operation, win32FromHresult(hresult), meaning);
    }
}
