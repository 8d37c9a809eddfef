package dev.rmkit.systemdit.apps;

import dev.rmkit.rm.RmException;
import dev.rmkit.rm.RmPlatforms;

/**
 * Runs inside a container's login session and logs it off through rm-client
 * ({@code SystemControl.logoff()}), as an app's "log out" button would: prints what happened and
 * exits 0 if the logoff went ahead (it then usually dies with the session), 1 if it was refused.
 */
public final class LogoffDriver {

    private LogoffDriver() {}

    public static void main(String[] args) {
        try {
            System.out.println("logging off");
            System.out.flush();
            RmPlatforms.current().system().logoff();
            System.out.println("logged off");
        } catch (RmException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
