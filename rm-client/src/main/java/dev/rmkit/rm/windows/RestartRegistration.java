package dev.rmkit.rm.windows;

import dev.rmkit.rm.NativeFlag;
import dev.rmkit.rm.RestartArgs;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument string for RegisterApplicationRestart. Windows adds the executable itself (so
 * {@code argv[0]} is not registered: the process's own image is restarted), keeps at most
 * RESTART_MAX_CMD_LINE (1024) characters, and forgets the working directory; so the directory is
 * carried as a trailing {@code --rmkit-cwd DIR} pair ({@link RestartArgs}), and a string over the
 * limit is refused here with its length rather than truncated or left to a bare E_INVALIDARG.
 */
final class RestartRegistration {

    private RestartRegistration() {}

    static String arguments(RestartCommand command) throws RmException {
        List<String> args = new ArrayList<>(command.argv().subList(1, command.argv().size()));
        args.add(RestartArgs.WORKING_DIRECTORY_OPTION);
        args.add(command.workingDirectory().toString());
        for (String a : args) {
            if (a.indexOf('\0') >= 0) {
                throw new RmException("RegisterApplicationRestart", "an argument contains a NUL character");
            }
        }
        String joined = CommandLines.join(args);
        if (joined.length() > Kernel32Ext.RESTART_MAX_CMD_LINE) {
            throw new RmException("RegisterApplicationRestart", "the restart command line is " + joined.length()
                    + " characters (with the working directory); Windows accepts at most "
                    + Kernel32Ext.RESTART_MAX_CMD_LINE);
        }
        return joined;
    }

    static int flags(RestartCommand command) {
        return NativeFlag.toMask(command.flags());
    }
}
