package dev.rmkit.rm.windows.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.platform.win32.Wincon;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.FilterAction;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.windows.Win32Errors;
import org.junit.jupiter.api.Test;

/**
 * Every constant rmkit declares or relies on, against the values written down in
 * reference/windows-api.md (section named per test). The expected values are typed in from the
 * reference, not computed from the code under test.
 */
class ConstantsTest {

    @Test
    void restartManagerSizesMatchSection1_2() {
        assertEquals(16, RestartManager.RM_SESSION_KEY_LEN);
        assertEquals(32, RestartManager.CCH_RM_SESSION_KEY);
        assertEquals(255, RestartManager.CCH_RM_MAX_APP_NAME);
        assertEquals(63, RestartManager.CCH_RM_MAX_SVC_NAME);
        assertEquals(-1, RestartManager.RM_INVALID_TS_SESSION);
        assertEquals(-1, RestartManager.RM_INVALID_PROCESS);
    }

    @Test
    void restartManagerEnumsMatchSection1_4() {
        assertEquals(0, RestartManager.RmUnknownApp);
        assertEquals(1, RestartManager.RmMainWindow);
        assertEquals(2, RestartManager.RmOtherWindow);
        assertEquals(3, RestartManager.RmService);
        assertEquals(4, RestartManager.RmExplorer);
        assertEquals(5, RestartManager.RmConsole);
        assertEquals(1000, RestartManager.RmCritical);

        assertEquals(0x0, RestartManager.RmStatusUnknown);
        assertEquals(0x1, RestartManager.RmStatusRunning);
        assertEquals(0x2, RestartManager.RmStatusStopped);
        assertEquals(0x4, RestartManager.RmStatusStoppedOther);
        assertEquals(0x8, RestartManager.RmStatusRestarted);
        assertEquals(0x10, RestartManager.RmStatusErrorOnStop);
        assertEquals(0x20, RestartManager.RmStatusErrorOnRestart);
        assertEquals(0x40, RestartManager.RmStatusShutdownMasked);
        assertEquals(0x80, RestartManager.RmStatusRestartMasked);

        assertEquals(0x0, RestartManager.RmRebootReasonNone);
        assertEquals(0x1, RestartManager.RmRebootReasonPermissionDenied);
        assertEquals(0x2, RestartManager.RmRebootReasonSessionMismatch);
        assertEquals(0x4, RestartManager.RmRebootReasonCriticalProcess);
        assertEquals(0x8, RestartManager.RmRebootReasonCriticalService);
        assertEquals(0x10, RestartManager.RmRebootReasonDetectedSelf);

        assertEquals(0x1, RestartManager.RmForceShutdown);
        assertEquals(0x10, RestartManager.RmShutdownOnlyRegistered);

        assertEquals(0, RestartManager.RmInvalidFilterAction);
        assertEquals(1, RestartManager.RmNoRestart);
        assertEquals(2, RestartManager.RmNoShutdown);
        assertEquals(0, RestartManager.RmFilterTriggerInvalid);
        assertEquals(1, RestartManager.RmFilterTriggerFile);
        assertEquals(2, RestartManager.RmFilterTriggerProcess);
        assertEquals(3, RestartManager.RmFilterTriggerService);
    }

    @Test
    void portableEnumsCarryTheSameNativeValuesAsTheHeader() {
        assertEquals(1000, AppType.CRITICAL.nativeValue());
        assertEquals(5, AppType.CONSOLE.nativeValue());
        for (AppType t : AppType.values()) {
            assertEquals(t, AppType.fromNative(t.nativeValue()));
        }
        assertEquals(0x10, AppStatus.ERROR_ON_STOP.bit());
        assertEquals(0x80, AppStatus.RESTART_MASKED.bit());
        assertEquals(0x10, RebootReason.DETECTED_SELF.bit());
        assertEquals(0x1, ShutdownOption.FORCE.bit());
        assertEquals(0x10, ShutdownOption.ONLY_REGISTERED.bit());
        assertEquals(1, FilterAction.NO_RESTART.nativeValue());
        assertEquals(2, FilterAction.NO_SHUTDOWN.nativeValue());
        assertEquals(0x1, EndSessionFlag.CLOSE_APP.bit());
        assertEquals(0x40000000, EndSessionFlag.CRITICAL.bit());
        assertEquals(0x80000000, EndSessionFlag.LOGOFF.bit());
        assertEquals(4, RestartFlag.NO_PATCH.bit());
        assertEquals(8, RestartFlag.NO_REBOOT.bit());
    }

    @Test
    void errorCodesMatchSection1_5AndSection7() {
        assertEquals(0, Win32Errors.ERROR_SUCCESS);
        assertEquals(2, Win32Errors.ERROR_FILE_NOT_FOUND);
        assertEquals(5, Win32Errors.ERROR_ACCESS_DENIED);
        assertEquals(6, Win32Errors.ERROR_INVALID_HANDLE);
        assertEquals(14, Win32Errors.ERROR_OUTOFMEMORY);
        assertEquals(21, Win32Errors.ERROR_NOT_READY);
        assertEquals(29, Win32Errors.ERROR_WRITE_FAULT);
        assertEquals(87, Win32Errors.ERROR_INVALID_PARAMETER);
        assertEquals(120, Win32Errors.ERROR_CALL_NOT_IMPLEMENTED);
        assertEquals(121, Win32Errors.ERROR_SEM_TIMEOUT);
        assertEquals(160, Win32Errors.ERROR_BAD_ARGUMENTS);
        assertEquals(234, Win32Errors.ERROR_MORE_DATA);
        assertEquals(350, Win32Errors.ERROR_FAIL_NOACTION_REBOOT);
        assertEquals(351, Win32Errors.ERROR_FAIL_SHUTDOWN);
        assertEquals(352, Win32Errors.ERROR_FAIL_RESTART);
        assertEquals(353, Win32Errors.ERROR_MAX_SESSIONS_REACHED);
        assertEquals(776, Win32Errors.ERROR_REQUEST_OUT_OF_SEQUENCE);
        assertEquals(1115, Win32Errors.ERROR_SHUTDOWN_IN_PROGRESS);
        assertEquals(1190, Win32Errors.ERROR_SHUTDOWN_IS_SCHEDULED);
        assertEquals(1191, Win32Errors.ERROR_SHUTDOWN_USERS_LOGGED_ON);
        assertEquals(1219, Win32Errors.ERROR_SESSION_CREDENTIAL_CONFLICT);
        assertEquals(1223, Win32Errors.ERROR_CANCELLED);
        assertEquals(1300, Win32Errors.ERROR_NOT_ALL_ASSIGNED);
        assertEquals(1008, Win32Errors.ERROR_NO_TOKEN);
        assertEquals(1314, Win32Errors.ERROR_PRIVILEGE_NOT_HELD);
        assertEquals(1400, Win32Errors.ERROR_INVALID_WINDOW_HANDLE);
        assertEquals(1460, Win32Errors.ERROR_TIMEOUT);
        assertEquals(1, Win32Errors.ERROR_INVALID_FUNCTION);
        assertEquals(127, Win32Errors.ERROR_PROC_NOT_FOUND);
        assertEquals(0x80004005, Win32Errors.E_FAIL);
        assertEquals(0x80070057, Win32Errors.E_INVALIDARG);
        // jna-platform agrees where it declares the same code (§8).
        assertEquals(WinError.ERROR_MORE_DATA, Win32Errors.ERROR_MORE_DATA);
        assertEquals(WinError.ERROR_CANCELLED, Win32Errors.ERROR_CANCELLED);
        assertEquals(WinError.ERROR_NOT_ALL_ASSIGNED, Win32Errors.ERROR_NOT_ALL_ASSIGNED);
        assertEquals(WinError.ERROR_NO_TOKEN, Win32Errors.ERROR_NO_TOKEN);
        assertEquals(WinError.ERROR_PRIVILEGE_NOT_HELD, Win32Errors.ERROR_PRIVILEGE_NOT_HELD);
        assertEquals(WinError.ERROR_INVALID_WINDOW_HANDLE, Win32Errors.ERROR_INVALID_WINDOW_HANDLE);
        assertEquals(WinError.ERROR_TIMEOUT, Win32Errors.ERROR_TIMEOUT);
    }

    @Test
    void restartFlagsMatchSection3() {
        assertEquals(1024, Kernel32Ext.RESTART_MAX_CMD_LINE);
        assertEquals(1, Kernel32Ext.RESTART_NO_CRASH);
        assertEquals(2, Kernel32Ext.RESTART_NO_HANG);
        assertEquals(4, Kernel32Ext.RESTART_NO_PATCH);
        assertEquals(8, Kernel32Ext.RESTART_NO_REBOOT);
    }

    @Test
    void windowMessagesMatchSection4_1() {
        assertEquals(0x0010, WinUser.WM_CLOSE);
        assertEquals(0x0011, User32Ext.WM_QUERYENDSESSION);
        assertEquals(0x0012, WinUser.WM_QUIT);
        assertEquals(0x0016, User32Ext.WM_ENDSESSION);
        assertEquals(0x0218, WinUser.WM_POWERBROADCAST);
        assertEquals(0x00000001, User32Ext.ENDSESSION_CLOSEAPP);
        assertEquals(0x40000000, User32Ext.ENDSESSION_CRITICAL);
        assertEquals(2147483648L, User32Ext.ENDSESSION_LOGOFF);
        assertEquals(0x0000, WinUser.PBT_APMQUERYSUSPEND);
        assertEquals(0x0002, WinUser.PBT_APMQUERYSUSPENDFAILED);
        assertEquals(0x0004, WinUser.PBT_APMSUSPEND);
        assertEquals(0x0007, WinUser.PBT_APMRESUMESUSPEND);
        assertEquals(0x000A, WinUser.PBT_APMPOWERSTATUSCHANGE);
        assertEquals(0x0012, WinUser.PBT_APMRESUMEAUTOMATIC);
        assertEquals(0x8013, WinUser.PBT_POWERSETTINGCHANGE);
        assertEquals(0x424D5144, User32Ext.BROADCAST_QUERY_DENY);
        assertEquals(256, User32Ext.MAX_STR_BLOCKREASON);
        assertEquals(0x08000000, User32Ext.WS_EX_NOACTIVATE);
        assertEquals(0x80000000, WinUser.WS_POPUP);
        assertEquals(8, WinUser.SW_SHOWNA);
    }

    @Test
    void consoleAndShutdownOrderMatchSections4_2And5() {
        assertEquals(0, Wincon.CTRL_C_EVENT);
        assertEquals(1, Wincon.CTRL_BREAK_EVENT);
        assertEquals(2, Kernel32Ext.CTRL_CLOSE_EVENT);
        assertEquals(5, Kernel32Ext.CTRL_LOGOFF_EVENT);
        assertEquals(6, Kernel32Ext.CTRL_SHUTDOWN_EVENT);
        assertEquals(0x1, Kernel32Ext.SHUTDOWN_NORETRY);
    }

    @Test
    void powerConstantsMatchSection6() {
        assertEquals(0x00000001, WinBase.ES_SYSTEM_REQUIRED);
        assertEquals(0x00000002, WinBase.ES_DISPLAY_REQUIRED);
        assertEquals(0x00000040, WinBase.ES_AWAYMODE_REQUIRED);
        assertEquals(0x80000000, WinBase.ES_CONTINUOUS);
        assertEquals(0, Kernel32Ext.PowerRequestDisplayRequired);
        assertEquals(1, Kernel32Ext.PowerRequestSystemRequired);
        assertEquals(2, Kernel32Ext.PowerRequestAwayModeRequired);
        assertEquals(3, Kernel32Ext.PowerRequestExecutionRequired);
        assertEquals(0, Kernel32Ext.POWER_REQUEST_CONTEXT_VERSION);
        assertEquals(0x1, Kernel32Ext.POWER_REQUEST_CONTEXT_SIMPLE_STRING);
        assertEquals(0x2, Kernel32Ext.POWER_REQUEST_CONTEXT_DETAILED_STRING);
    }

    @Test
    void rebootAndFileConstantsMatchSection7() {
        assertEquals(0x0, WinUser.EWX_LOGOFF);
        assertEquals(0x1, WinUser.EWX_SHUTDOWN);
        assertEquals(0x2, WinUser.EWX_REBOOT);
        assertEquals(0x4, WinUser.EWX_FORCE);
        assertEquals(0x10, WinUser.EWX_FORCEIFHUNG);
        assertEquals(0x40, WinUser.EWX_RESTARTAPPS);
        assertEquals(0x00040000, Advapi32Ext.SHTDN_REASON_MAJOR_APPLICATION);
        assertEquals(0x00000002, Advapi32Ext.SHTDN_REASON_MINOR_INSTALLATION);
        assertEquals(0x80000000, Advapi32Ext.SHTDN_REASON_FLAG_PLANNED);
        assertEquals(0x80040002, Advapi32Ext.SHTDN_REASON_INSTALLATION_PLANNED);
        assertEquals(-2147221502, Advapi32Ext.SHTDN_REASON_INSTALLATION_PLANNED);
        assertEquals(0x001, Advapi32Ext.SHUTDOWN_FORCE_OTHERS);
        assertEquals(0x002, Advapi32Ext.SHUTDOWN_FORCE_SELF);
        assertEquals(0x004, Advapi32Ext.SHUTDOWN_RESTART);
        assertEquals(0x008, Advapi32Ext.SHUTDOWN_POWEROFF);
        assertEquals(0x010, Advapi32Ext.SHUTDOWN_NOREBOOT);
        assertEquals(0x020, Advapi32Ext.SHUTDOWN_GRACE_OVERRIDE);
        assertEquals(0x040, Advapi32Ext.SHUTDOWN_INSTALL_UPDATES);
        assertEquals(0x080, Advapi32Ext.SHUTDOWN_RESTARTAPPS);
        assertEquals(0x100, Advapi32Ext.SHUTDOWN_SKIP_SVC_PRESHUTDOWN);
        assertEquals(0x200, Advapi32Ext.SHUTDOWN_HYBRID);
        assertEquals("SeShutdownPrivilege", WinNT.SE_SHUTDOWN_NAME);
        assertEquals(0x2, WinNT.SE_PRIVILEGE_ENABLED);
        assertEquals(0x20, WinNT.TOKEN_ADJUST_PRIVILEGES);
        assertEquals(0x8, WinNT.TOKEN_QUERY);
        assertEquals(0x1, WinBase.MOVEFILE_REPLACE_EXISTING);
        assertEquals(0x2, WinBase.MOVEFILE_COPY_ALLOWED);
        assertEquals(0x4, WinBase.MOVEFILE_DELAY_UNTIL_REBOOT);
        assertEquals(0x8, WinBase.MOVEFILE_WRITE_THROUGH);
    }

    /** What the reboot round, the owners and the resume tasks rely on (winuser.h, winnt.h, winbase.h). */
    @Test
    void sessionTokenAndProcessConstantsMatchTheHeaders() {
        assertEquals(1, User32Ext.UOI_FLAGS);
        assertEquals(0x0001, User32Ext.WSF_VISIBLE);
        assertEquals(0x0002, WinUser.SMTO_ABORTIFHUNG);
        assertEquals(0x1, WinNT.TOKEN_ASSIGN_PRIMARY);
        assertEquals(0x2, WinNT.TOKEN_DUPLICATE);
        assertEquals(0x8, WinNT.TOKEN_QUERY);
        assertEquals(0x80, WinNT.TOKEN_ADJUST_DEFAULT);
        assertEquals(0x100, WinNT.TOKEN_ADJUST_SESSIONID);
        assertEquals(0x1000, WinNT.PROCESS_QUERY_LIMITED_INFORMATION);
        assertEquals(1, WinNT.TOKEN_INFORMATION_CLASS.TokenUser);
        assertEquals(20, WinNT.TOKEN_INFORMATION_CLASS.TokenElevation);
        assertEquals(2, WinNT.SECURITY_IMPERSONATION_LEVEL.SecurityImpersonation);
        assertEquals(1, WinNT.TOKEN_TYPE.TokenPrimary);
        assertEquals(0x10, WinBase.CREATE_NEW_CONSOLE);
        assertEquals(0x200, WinBase.CREATE_NEW_PROCESS_GROUP);
        assertEquals(0x400, WinBase.CREATE_UNICODE_ENVIRONMENT);
        assertEquals(0, WinBase.WAIT_OBJECT_0);
    }
}
