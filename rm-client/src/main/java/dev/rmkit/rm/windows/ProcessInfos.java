package dev.rmkit.rm.windows;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.NativeFlag;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.windows.jna.RM_PROCESS_INFO;
import dev.rmkit.rm.windows.jna.Utf16;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * From {@code RM_PROCESS_INFO} to {@link AffectedApp}: decodes the struct (UTF-16 names, FILETIME
 * start time, type and status bits) and asks a lookup for the app's registered restart command.
 */
final class ProcessInfos {

    private static final System.Logger LOG = System.getLogger(ProcessInfos.class.getName());

    private final Function<ProcessId, Optional<RestartCommand>> restartCommands;

    ProcessInfos(Function<ProcessId, Optional<RestartCommand>> restartCommands) {
        this.restartCommands = restartCommands;
    }

    /** Without restart-command lookup (the apps' {@code restartCommand} stays empty). */
    static ProcessInfos withoutCommands() {
        return new ProcessInfos(id -> Optional.empty());
    }

    static RmProcessInfo fromStruct(RM_PROCESS_INFO s) {
        return new RmProcessInfo(s.Process.dwProcessId,
                FileTimes.of(s.Process.ProcessStartTime.dwLowDateTime, s.Process.ProcessStartTime.dwHighDateTime),
                Utf16.decode(s.strAppName), Utf16.decode(s.strServiceShortName), s.ApplicationType, s.AppStatus,
                s.TSSessionId, s.bRestartable != 0);
    }

    /** The apps of one RmGetList; an entry without a process id cannot be identified and is skipped. */
    List<AffectedApp> toApps(List<RmProcessInfo> infos) {
        List<AffectedApp> out = new ArrayList<>();
        for (RmProcessInfo i : infos) {
            if (i.pid() == 0) {
                LOG.log(System.Logger.Level.WARNING, "RmGetList entry without a process id skipped: {0}", i.appName());
                continue;
            }
            ProcessId id = new ProcessId(Integer.toUnsignedLong(i.pid()), FileTimes.toInstant(i.startFileTime()));
            out.add(new AffectedApp(id, i.appName(), i.serviceShortName(), AppType.fromNative(i.appType()),
                    NativeFlag.fromMask(AppStatus.class, i.appStatus()), i.restartable(), restartCommands.apply(id)));
        }
        return out;
    }
}
