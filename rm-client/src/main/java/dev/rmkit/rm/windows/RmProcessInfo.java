package dev.rmkit.rm.windows;

import java.util.Objects;

/**
 * One decoded {@code RM_PROCESS_INFO}, in Java types but still with native values, so fakes can
 * script exactly what {@code RmGetList} would return.
 *
 * @param pid {@code Process.dwProcessId}
 * @param startFileTime {@code Process.ProcessStartTime} as a 64-bit FILETIME (100 ns since 1601)
 * @param appName {@code strAppName}
 * @param serviceShortName {@code strServiceShortName}, empty for non-services
 * @param appType an {@code RM_APP_TYPE}
 * @param appStatus {@code RM_APP_STATUS} bits
 * @param tsSessionId {@code TSSessionId}, -1 if unknown
 * @param restartable {@code bRestartable}
 */
record RmProcessInfo(int pid, long startFileTime, String appName, String serviceShortName, int appType,
        int appStatus, int tsSessionId, boolean restartable) {
    RmProcessInfo {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(serviceShortName, "serviceShortName");
    }

    RmProcessInfo withStatus(int status) {
        return new RmProcessInfo(pid, startFileTime, appName, serviceShortName, appType, status, tsSessionId, restartable);
    }
}
