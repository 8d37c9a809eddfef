package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Logging the caller off the way Windows does with WM_QUERYENDSESSION(ENDSESSION_LOGOFF): the
 * cooperating apps of the caller's runtime directory are asked ({@code logoff}); one refusal cancels
 * the logoff (the others are told so) and the exception names the app and its reason; otherwise each
 * app is told the session ends (it saves) and closed, and logind ends the session:
 * {@code loginctl terminate-session $XDG_SESSION_ID}, or {@code terminate-user USER} for a caller
 * outside any session. Without loginctl there is no session to end, and nothing is asked.
 */
final class Logoff {

    /** Runs a command to its end, failing with its output. */
    interface Runner {
        void run(String operation, List<String> argv) throws RmException;
    }

    private Logoff() {}

    static void run(LinuxSystemControl.Settings settings, LinuxConfig config, Runner runner) throws RmException {
        Path loginctl = settings.searchPath().stream().map(d -> d.resolve("loginctl"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new RmException("logoff", "loginctl not found in " + settings.searchPath()
                        + "; without systemd-logind there is no session to end"));
        ProcFs proc;
        try {
            proc = new ProcFs(config.procRoot());
        } catch (IOException e) {
            throw new RmException("logoff", "cannot read " + config.procRoot() + ": " + e.getMessage(), e);
        }
        new EndSessionRound(proc, config, FileModes.currentUid()).run("logoff", EnumSet.of(EndSessionFlag.LOGOFF), false,
                List.of(config.runtimeDir()));
        String session = System.getenv("XDG_SESSION_ID");
        runner.run("logoff", session != null && session.matches("[A-Za-z0-9]{1,32}")
                ? List.of(loginctl.toString(), "terminate-session", session)
                : List.of(loginctl.toString(), "terminate-user", System.getProperty("user.name")));
    }
}
