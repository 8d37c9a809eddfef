package dev.rmkit.rm.windows.jna;

/**
 * The constants of {@code RestartManager.h}, spelled as in the header (mingw-w64 HEAD; see
 * reference/windows-api.md §1.2 and §1.4). The structures are the top-level classes
 * {@link RM_UNIQUE_PROCESS}, {@link RM_PROCESS_INFO} and {@link RM_FILTER_INFO}.
 */
public interface RestartManager {

    /** {@code sizeof(GUID)}. */
    int RM_SESSION_KEY_LEN = 16;
    /** Characters of a session key; the key buffer must hold one more (the NUL). */
    int CCH_RM_SESSION_KEY = RM_SESSION_KEY_LEN * 2;
    int CCH_RM_MAX_APP_NAME = 255;
    int CCH_RM_MAX_SVC_NAME = 63;
    int RM_INVALID_TS_SESSION = -1;
    int RM_INVALID_PROCESS = -1;

    // RM_APP_TYPE
    int RmUnknownApp = 0;
    int RmMainWindow = 1;
    int RmOtherWindow = 2;
    int RmService = 3;
    int RmExplorer = 4;
    int RmConsole = 5;
    int RmCritical = 1000;

    // RM_APP_STATUS (bits: the history of what happened to the app in this session)
    int RmStatusUnknown = 0x0;
    int RmStatusRunning = 0x1;
    int RmStatusStopped = 0x2;
    int RmStatusStoppedOther = 0x4;
    int RmStatusRestarted = 0x8;
    int RmStatusErrorOnStop = 0x10;
    int RmStatusErrorOnRestart = 0x20;
    int RmStatusShutdownMasked = 0x40;
    int RmStatusRestartMasked = 0x80;

    // RM_REBOOT_REASON (bits; DetectedSelf is missing from the doc page, present in the headers)
    int RmRebootReasonNone = 0x0;
    int RmRebootReasonPermissionDenied = 0x1;
    int RmRebootReasonSessionMismatch = 0x2;
    int RmRebootReasonCriticalProcess = 0x4;
    int RmRebootReasonCriticalService = 0x8;
    int RmRebootReasonDetectedSelf = 0x10;

    // RM_SHUTDOWN_TYPE (RmShutdown's lActionFlags). Code in the wild has RmShutdownOnlyRegistered = 2: wrong.
    int RmForceShutdown = 0x1;
    int RmShutdownOnlyRegistered = 0x10;

    // RM_FILTER_ACTION
    int RmInvalidFilterAction = 0;
    int RmNoRestart = 1;
    int RmNoShutdown = 2;

    // RM_FILTER_TRIGGER
    int RmFilterTriggerInvalid = 0;
    int RmFilterTriggerFile = 1;
    int RmFilterTriggerProcess = 2;
    int RmFilterTriggerService = 3;
}
