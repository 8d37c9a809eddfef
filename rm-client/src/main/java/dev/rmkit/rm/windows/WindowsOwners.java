package dev.rmkit.rm.windows;

import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.TokenApi.Identity;
import dev.rmkit.rm.windows.TokenApi.Route;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ownerOf} and {@code startAs} on Windows. The owner is the process token's user SID, its
 * session and whether it was elevated ({@code group} is "elevated" or empty). An app is started again
 * only as that user, never elevated and never with the caller's token when the caller is someone
 * else or elevated: a registered command is text any process of that user could have set (through
 * RegisterApplicationRestart), and RmRestart refuses exactly this. The route:
 * <ul>
 * <li>caller is LocalSystem (a service, a SYSTEM task): the token of the user logged on to the app's
 *     session (WTSQueryUserToken), started there with CreateProcessAsUserW;
 * <li>caller is the owner, unelevated, in the owner's session: its own token (CreateProcessW);
 * <li>caller is elevated (an administrator's updater, or another account's credentials typed at the
 *     UAC prompt): the desktop shell's token, which is unelevated, if the shell runs as the owner in
 *     the owner's session (CreateProcessWithTokenW);
 * <li>anything else is refused with the reason, and so is an app that ran elevated.
 * </ul>
 */
final class WindowsOwners {

    /** {@code group} of an owner whose token was elevated. */
    static final String ELEVATED = "elevated";
    private static final Pattern SID = Pattern.compile("S-1-[0-9]+(-[0-9]+){1,15}");
    /** A Windows absolute path, whatever OS this runs on: a drive letter and a separator, or a UNC share. */
    private static final Pattern ABSOLUTE = Pattern.compile("([A-Za-z]:[\\\\/]|\\\\\\\\[^\\\\/]+[\\\\/][^\\\\/]+).*");

    private final TokenApi tokens;

    WindowsOwners(TokenApi tokens) {
        this.tokens = tokens;
    }

    /** Empty if the process is gone, its pid now names another process, or its token cannot be read. */
    Optional<AppOwner> ownerOf(ProcessId process) {
        long listed = FileTimes.toFileTime(process.startTime());
        return tokens.process(process.pid())
                .filter(t -> t.startFileTime() == listed)
                .map(t -> new AppOwner(t.identity().sid(), t.identity().elevated() ? ELEVATED : "",
                        Integer.toString(t.identity().session()), Map.of()));
    }

    ProcessId startAs(AppOwner owner, RestartCommand command) throws RmException {
        if (!SID.matcher(owner.user()).matches()) {
            throw new RmException("restart", "not a Windows owner (no SID): " + owner.user());
        }
        int session;
        try {
            session = Integer.parseInt(owner.session());
        } catch (NumberFormatException e) {
            throw new RmException("restart", "not a Windows session id: " + owner.session());
        }
        if (ELEVATED.equals(owner.group())) {
            throw new RmException("restart", Win32Errors.ERROR_ACCESS_DENIED, "it ran elevated, and a registered"
                    + " command is never started elevated (RmRestart does not restart elevated apps either)");
        }
        String program = command.argv().get(0);
        if (!ABSOLUTE.matcher(program).matches()) {
            throw new RmException("restart", "the program is not an absolute path: " + program);
        }
        if (!Files.isDirectory(command.workingDirectory())) {
            throw new RmException("restart", Win32Errors.ERROR_FILE_NOT_FOUND, "working directory "
                    + command.workingDirectory() + " does not exist");
        }
        Route route = route(tokens.self(), owner.user(), session);
        TokenApi.Started s = tokens.start(route, session, owner.user(), program, CommandLines.join(command.argv()),
                command.workingDirectory().toString());
        return new ProcessId(s.pid(), FileTimes.toInstant(s.startFileTime()));
    }

    /** Which token may start the owner's app, given who the caller is. */
    Route route(Identity self, String ownerSid, int session) throws RmException {
        if (self.localSystem()) {
            Identity user = tokens.sessionUser(session).orElseThrow(() -> new RmException("restart",
                    Win32Errors.ERROR_NO_TOKEN, "nobody is logged on to session " + session + " any more"));
            requireSame(user, ownerSid, session, "the user logged on to session " + session);
            return Route.SESSION_USER_TOKEN;
        }
        if (self.sid().equals(ownerSid) && !self.elevated() && self.session() == session) {
            return Route.OWN_TOKEN;
        }
        if (self.elevated()) {
            Identity shell = tokens.shell().orElseThrow(() -> new RmException("restart", Win32Errors.ERROR_ACCESS_DENIED,
                    "this process is elevated and no desktop shell runs here whose unelevated token could start it"));
            requireSame(shell, ownerSid, session, "the desktop shell's user");
            return Route.SHELL_TOKEN;
        }
        throw new RmException("restart", Win32Errors.ERROR_ACCESS_DENIED, "it belongs to " + ownerSid + " in session "
                + session + ", and this process (" + self.sid() + ", session " + self.session()
                + ") may only start its own apps in its own session");
    }

    private static void requireSame(Identity token, String ownerSid, int session, String whose) throws RmException {
        if (!token.sid().equals(ownerSid) || token.session() != session) {
            throw new RmException("restart", Win32Errors.ERROR_ACCESS_DENIED, whose + " (" + token.sid() + ", session "
                    + token.session() + ") is not the app's owner (" + ownerSid + ", session " + session + ")");
        }
        if (token.elevated()) {
            throw new RmException("restart", Win32Errors.ERROR_ACCESS_DENIED, whose + " has an elevated token;"
                    + " a registered command is never started elevated");
        }
    }
}
