package dev.rmkit.rm.windows;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.jna.Advapi32Ext;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import dev.rmkit.rm.windows.jna.STARTUPINFOW;
import dev.rmkit.rm.windows.jna.User32Ext;
import dev.rmkit.rm.windows.jna.Userenv;
import dev.rmkit.rm.windows.jna.Utf16;
import dev.rmkit.rm.windows.jna.Wtsapi32Ext;
import java.util.Optional;

/** {@link TokenApi} over advapi32, kernel32, user32, wtsapi32 and userenv. Only runs on Windows. */
final class JnaTokenApi implements TokenApi {

    /** A new console for console apps (as RmRestart gives them), a process group of their own. */
    private static final int CREATION_FLAGS = WinBase.CREATE_NEW_CONSOLE | WinBase.CREATE_NEW_PROCESS_GROUP
            | WinBase.CREATE_UNICODE_ENVIRONMENT;
    private static final int PRIMARY_ACCESS = WinNT.TOKEN_QUERY | WinNT.TOKEN_DUPLICATE | WinNT.TOKEN_ASSIGN_PRIMARY
            | WinNT.TOKEN_ADJUST_DEFAULT | WinNT.TOKEN_ADJUST_SESSIONID;

    @Override
    public Identity self() throws RmException {
        HANDLEByReference token = new HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
            throw Win32Errors.exception("OpenProcessToken", Native.getLastError());
        }
        try {
            return identity(token.getValue(), session(Kernel32.INSTANCE.GetCurrentProcessId()))
                    .orElseThrow(() -> new RmException("GetTokenInformation", "cannot read this process's token"));
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    @Override
    public Optional<ProcessToken> process(long pid) {
        HANDLE h = Kernel32.INSTANCE.OpenProcess(WinNT.PROCESS_QUERY_LIMITED_INFORMATION, false, (int) pid);
        if (h == null) {
            return Optional.empty();
        }
        try {
            Optional<Long> created = JnaProcessApi.creationFileTime(h);
            HANDLEByReference token = new HANDLEByReference();
            if (created.isEmpty() || !Advapi32.INSTANCE.OpenProcessToken(h, WinNT.TOKEN_QUERY, token)) {
                return Optional.empty();
            }
            try {
                return identity(token.getValue(), session((int) pid)).map(i -> new ProcessToken(created.get(), i));
            } finally {
                Kernel32.INSTANCE.CloseHandle(token.getValue());
            }
        } finally {
            Kernel32.INSTANCE.CloseHandle(h);
        }
    }

    @Override
    public Optional<Identity> shell() {
        return shellPid().flatMap(this::process).map(ProcessToken::identity);
    }

    @Override
    public Optional<Identity> sessionUser(int session) {
        HANDLEByReference token = new HANDLEByReference();
        if (!Wtsapi32Ext.instance().WTSQueryUserToken(session, token)) {
            return Optional.empty();
        }
        try {
            return identity(token.getValue(), session);
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    @Override
    public Started start(Route route, int session, String expectedSid, String application, String commandLine,
            String directory) throws RmException {
        WinBase.PROCESS_INFORMATION pi = new WinBase.PROCESS_INFORMATION();
        STARTUPINFOW si = new STARTUPINFOW();
        char[] cmd = Native.toCharArray(commandLine);
        boolean ok;
        String call;
        if (route == Route.OWN_TOKEN) {
            call = "CreateProcessW";
            ok = Kernel32Ext.instance().CreateProcessW(new WString(application), cmd, null, null, false,
                    CREATION_FLAGS & ~WinBase.CREATE_UNICODE_ENVIRONMENT, null, new WString(directory), si, pi);
        } else {
            HANDLE token = primaryToken(route, session);
            try {
                Optional<Identity> who = identity(token, session);
                if (who.isEmpty() || !who.get().sid().equals(expectedSid) || who.get().elevated()) {
                    throw new RmException("restart", Win32Errors.ERROR_ACCESS_DENIED, "the token taken for " + expectedSid
                            + " belongs to " + who.map(Identity::sid).orElse("an unreadable account")
                            + (who.filter(Identity::elevated).isPresent() ? " and is elevated" : ""));
                }
                PointerByReference env = new PointerByReference();
                if (!Userenv.instance().CreateEnvironmentBlock(env, token, false)) {
                    throw Win32Errors.exception("CreateEnvironmentBlock", Native.getLastError());
                }
                try {
                    if (route == Route.SHELL_TOKEN) {
                        call = "CreateProcessWithTokenW";
                        ok = Advapi32Ext.instance().CreateProcessWithTokenW(token, 0, new WString(application), cmd,
                                CREATION_FLAGS, env.getValue(), new WString(directory), si, pi);
                    } else {
                        call = "CreateProcessAsUserW";
                        si.lpDesktop = Utf16.allocate("winsta0\\default"); // the session's interactive desktop
                        ok = Advapi32Ext.instance().CreateProcessAsUserW(token, new WString(application), cmd, null,
                                null, false, CREATION_FLAGS, env.getValue(), new WString(directory), si, pi);
                    }
                } finally {
                    Userenv.instance().DestroyEnvironmentBlock(env.getValue());
                }
            } finally {
                Kernel32.INSTANCE.CloseHandle(token);
            }
        }
        if (!ok) {
            throw Win32Errors.exception(call, Native.getLastError());
        }
        try {
            long pid = Integer.toUnsignedLong(pi.dwProcessId.intValue());
            Optional<Long> created = JnaProcessApi.creationFileTime(pi.hProcess);
            if (created.isEmpty() || Kernel32.INSTANCE.WaitForSingleObject(pi.hProcess, 0) == WinBase.WAIT_OBJECT_0) {
                throw new RmException("restart", application + " exited at once (pid " + pid + ")");
            }
            return new Started(pid, created.get());
        } finally {
            Kernel32.INSTANCE.CloseHandle(pi.hThread);
            Kernel32.INSTANCE.CloseHandle(pi.hProcess);
        }
    }

    /** A primary token to start with: the shell's, or the session user's, duplicated. The caller closes it. */
    private HANDLE primaryToken(Route route, int session) throws RmException {
        HANDLEByReference source = new HANDLEByReference();
        if (route == Route.SESSION_USER_TOKEN) {
            if (!Wtsapi32Ext.instance().WTSQueryUserToken(session, source)) {
                throw Win32Errors.exception("WTSQueryUserToken", Native.getLastError());
            }
        } else {
            long pid = shellPid().orElseThrow(() -> new RmException("GetShellWindow", "no desktop shell runs here"));
            HANDLE shell = Kernel32.INSTANCE.OpenProcess(WinNT.PROCESS_QUERY_LIMITED_INFORMATION, false, (int) pid);
            if (shell == null) {
                throw Win32Errors.exception("OpenProcess (shell)", Native.getLastError());
            }
            try {
                if (!Advapi32.INSTANCE.OpenProcessToken(shell, WinNT.TOKEN_QUERY | WinNT.TOKEN_DUPLICATE, source)) {
                    throw Win32Errors.exception("OpenProcessToken (shell)", Native.getLastError());
                }
            } finally {
                Kernel32.INSTANCE.CloseHandle(shell);
            }
        }
        try {
            HANDLEByReference primary = new HANDLEByReference();
            if (!Advapi32.INSTANCE.DuplicateTokenEx(source.getValue(), PRIMARY_ACCESS, null,
                    WinNT.SECURITY_IMPERSONATION_LEVEL.SecurityImpersonation, WinNT.TOKEN_TYPE.TokenPrimary, primary)) {
                throw Win32Errors.exception("DuplicateTokenEx", Native.getLastError());
            }
            return primary.getValue();
        } finally {
            Kernel32.INSTANCE.CloseHandle(source.getValue());
        }
    }

    private static Optional<Long> shellPid() {
        HWND shell = User32Ext.instance().GetShellWindow();
        if (shell == null) {
            return Optional.empty();
        }
        IntByReference pid = new IntByReference();
        User32Ext.instance().GetWindowThreadProcessId(shell, pid);
        return pid.getValue() == 0 ? Optional.empty() : Optional.of(Integer.toUnsignedLong(pid.getValue()));
    }

    private static int session(int pid) {
        IntByReference s = new IntByReference(-1);
        return Kernel32.INSTANCE.ProcessIdToSessionId(pid, s) ? s.getValue() : -1;
    }

    /** The token's user SID and elevation; empty if they cannot be read. */
    private static Optional<Identity> identity(HANDLE token, int session) {
        try {
            String sid = Advapi32Util.getTokenAccount(token).sidString;
            WinNT.TOKEN_ELEVATION elevation = new WinNT.TOKEN_ELEVATION();
            IntByReference size = new IntByReference();
            if (!Advapi32.INSTANCE.GetTokenInformation(token, WinNT.TOKEN_INFORMATION_CLASS.TokenElevation, elevation,
                    elevation.size(), size)) {
                return Optional.empty();
            }
            return Optional.of(new Identity(sid, elevation.TokenIsElevated != 0, session));
        } catch (Win32Exception e) {
            return Optional.empty();
        }
    }
}
