package dev.rmkit.rm;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Run in a child JVM by {@link FactoryLoadsNoJnaTest}: uses the factory and the portable types. */
public final class PortableApiProbe {

    private PortableApiProbe() {}

    public static void main(String[] args) {
        String windows = RmPlatforms.backendClassFor("Windows 11");
        String linux = RmPlatforms.backendClassFor("Linux");
        ProcessId id = new ProcessId(4242, Instant.now());
        RestartCommand cmd = RestartCommand.of(List.of("app", "--restore", "s"), Path.of("/tmp").toAbsolutePath());
        AffectedApp app = new AffectedApp(id, "app", "", AppType.MAIN_WINDOW, Set.of(AppStatus.RUNNING), true, Optional.of(cmd));
        ShutdownResult r = new ShutdownResult(ShutdownResult.Outcome.COMPLETE, List.of(AppOutcome.ok(app)));
        RmException e = new RmCancelledException("RmShutdown", 1223);
        RestartArgs.Consumed c = RestartArgs.consumeWorkingDirectory(new String[] {"--rmkit-cwd", "/x"});
        int mask = NativeFlag.toMask(Set.of(EndSessionFlag.LOGOFF, EndSessionFlag.CLOSE_APP));
        System.out.println("probe done " + windows + " " + linux + " " + r.complete() + " " + e.errorCode() + " "
                + c.workingDirectory().isPresent() + " " + QueryAnswer.allow().allowed() + " " + mask);
    }
}
