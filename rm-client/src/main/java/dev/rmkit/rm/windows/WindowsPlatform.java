package dev.rmkit.rm.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.RmPlatform;
import dev.rmkit.rm.SystemControl;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The Windows backend: the Restart Manager over JNA. {@link dev.rmkit.rm.RmPlatforms} creates it by
 * name on Windows only. Constructing it loads no DLL; each library loads on its first call.
 *
 * <p>The system side works for a per-machine install when the process runs elevated and for a
 * per-user install otherwise (see {@link WindowsSystemControl}); the system property
 * {@code rmkit.windows.installScope} ({@code machine} or {@code user}) overrides that.
 */
public final class WindowsPlatform implements RmPlatform {

    private final RmApi rm;
    private final ProcessApi process;

    public WindowsPlatform() {
        this(new JnaRmApi(), new JnaProcessApi());
    }

    WindowsPlatform(RmApi rm, ProcessApi process) {
        this.rm = rm;
        this.process = process;
    }

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public RestartSession startSession() throws RmException {
        return WindowsRestartSession.start(rm, infos());
    }

    @Override
    public RestartSession joinSession(String key) throws RmException {
        return WindowsRestartSession.join(rm, key, infos());
    }

    @Override
    public CooperatingApp cooperate(String appId, EndSessionListener listener) throws RmException {
        return WindowsCooperatingApp.start(appId, listener, new JnaWindowApi(), process, new JnaPowerApi());
    }

    @Override
    public SystemControl system() {
        return new WindowsSystemControl(new WindowsSystemControl.Apis(new JnaShutdownApi(), new JnaRegistryApi(),
                ScheduledTasks.system(), new JnaSessionWindows(), new JnaTokenApi()), machineScope(), Clock.systemUTC());
    }

    private ProcessInfos infos() {
        return new ProcessInfos(id -> registeredCommand(process, id));
    }

    /**
     * The restart command an affected app registered, read across processes (needs PROCESS_VM_READ),
     * and only if the process behind the pid is still the one RM listed.
     */
    static Optional<RestartCommand> registeredCommand(ProcessApi process, ProcessId id) {
        long listed = FileTimes.toFileTime(id.startTime());
        return process.restartRegistration(id.pid())
                .filter(r -> r.startFileTime() == listed)
                .flatMap(r -> RegisteredCommands.of(r.image(), r.arguments()));
    }

    private static boolean machineScope() {
        String scope = System.getProperty("rmkit.windows.installScope", "").toLowerCase(Locale.ROOT);
        if (scope.equals("machine") || scope.equals("user")) {
            return scope.equals("machine");
        }
        return Advapi32Util.isCurrentProcessElevated();
    }
}
