package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.util.Optional;

/**
 * The token calls behind {@code ownerOf} and {@code startAs}: who a process runs as, who runs the
 * desktop shell, who is logged on to a session, and starting a process with one of those tokens.
 * {@link JnaTokenApi} is the real one; tests script a fake. The decisions are in {@link WindowsOwners}.
 */
interface TokenApi {

    /** LocalSystem's SID. */
    String LOCAL_SYSTEM = "S-1-5-18";

    /**
     * A token's identity.
     *
     * @param sid the user's SID string
     * @param elevated TokenElevation.TokenIsElevated
     * @param session the terminal-services session id
     */
    record Identity(String sid, boolean elevated, int session) {
        boolean localSystem() {
            return LOCAL_SYSTEM.equals(sid);
        }
    }

    /** A live process's identity with its creation time (FILETIME), read through one handle. */
    record ProcessToken(long startFileTime, Identity identity) {}

    /** How to start a process. */
    enum Route {
        /** CreateProcessW: the caller's own token (it is the owner, unelevated, in the owner's session). */
        OWN_TOKEN,
        /** The desktop shell's token, duplicated, with CreateProcessWithTokenW (an elevated caller). */
        SHELL_TOKEN,
        /** WTSQueryUserToken of the owner's session, with CreateProcessAsUserW (a LocalSystem caller). */
        SESSION_USER_TOKEN
    }

    /** A started process: pid and creation time (FILETIME). */
    record Started(long pid, long startFileTime) {}

    Identity self() throws RmException;

    /** Empty if it cannot be opened (gone, or protected). */
    Optional<ProcessToken> process(long pid);

    /** The process behind GetShellWindow (Explorer), empty if no shell runs on this desktop. */
    Optional<Identity> shell();

    /** WTSQueryUserToken's user for {@code session}; empty if nobody is logged on or the caller is not LocalSystem. */
    Optional<Identity> sessionUser(int session);

    /**
     * Starts {@code commandLine} by {@code route}; the token taken is checked again, just before the
     * start, to be {@code expectedSid}'s and not elevated (the shell or the session's user may have
     * changed since the decision).
     *
     * @param application the program's absolute path (lpApplicationName: no search, no quoting ambiguity)
     * @param commandLine the whole command line, program first, quoted for CommandLineToArgvW
     * @throws RmException if the token is not the expected one, or the process could not be started
     *     or exited at once
     */
    Started start(Route route, int session, String expectedSid, String application, String commandLine,
            String directory) throws RmException;
}
