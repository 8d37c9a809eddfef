package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.SessionWindows.AppWindow;
import dev.rmkit.rm.windows.SessionWindows.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query round before a reboot, as the Linux reboot round does it: every cooperating app on this
 * desktop is asked WM_QUERYENDSESSION (lParam 0, a restart) before InitiateShutdownW, which is
 * asynchronous and, without SHUTDOWN_FORCE_SELF, not guaranteed — so a refusal it meets later would
 * go unnoticed while the updater reports the reboot as initiated. One refusal, or an app that does not
 * answer within {@link #TIMEOUT_MILLIS} or cannot be reached, stops the reboot with an exception naming
 * it (as the Linux round counts them); the apps that answered are sent WM_ENDSESSION(FALSE), as Windows
 * does when a shutdown is cancelled. A forced reboot asks nobody: Windows ends the apps itself.
 *
 * <p>Only this desktop's windows can be asked: an updater in session 0 (a service, a task running as
 * SYSTEM) finds none; apps of other sessions are covered by InitiateShutdownW's own refusal to log
 * other users off without force (1191, ERROR_SHUTDOWN_USERS_LOGGED_ON).
 */
final class RebootQuery {

    /** What Windows itself gives an app to answer WM_QUERYENDSESSION (reference §4.2). */
    static final int TIMEOUT_MILLIS = 5000;
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SessionWindows windows;

    RebootQuery(SessionWindows windows) {
        this.windows = windows;
    }

    /**
     * Asks every cooperating app; returns those that agreed (to be told "cancelled" if the reboot then
     * fails to start).
     *
     * @throws RmException 351 (ERROR_FAIL_SHUTDOWN) naming every app that refused or did not answer
     */
    List<AppWindow> ask() throws RmException {
        List<AppWindow> agreed = new ArrayList<>();
        List<AppWindow> vetoed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (AppWindow w : windows.cooperating()) {
            Answer a = windows.query(w, TIMEOUT_MILLIS);
            switch (a) {
                case AGREED -> agreed.add(w);
                case REFUSED -> {
                    vetoed.add(w);
                    refused.add(describe(w) + ": refused to end its session");
                }
                case NO_ANSWER -> refused.add(describe(w) + ": did not answer within " + TIMEOUT_MILLIS / 1000 + " s");
                case UNREACHABLE -> refused.add(describe(w) + ": could not be asked (it runs with higher rights than"
                        + " this process)");
                case GONE -> { } // it ended meanwhile: nothing left to ask
                default -> throw new IllegalStateException("unknown answer " + a);
            }
        }
        if (!refused.isEmpty()) {
            // Every app that answered learns the end is not happening; a refuser so drops its veto's reason.
            List<AppWindow> answered = new ArrayList<>(agreed);
            answered.addAll(vetoed);
            cancel(answered);
            throw new RmException("reboot", Win32Errors.ERROR_FAIL_SHUTDOWN,
                    "not rebooting: an application refused to end its session - " + String.join("; ", refused));
        }
        return agreed;
    }

    /** Tells the apps that agreed that the end is not happening. Never throws. */
    void cancel(List<AppWindow> agreed) {
        for (AppWindow w : agreed) {
            try {
                windows.cancelled(w, TIMEOUT_MILLIS);
            } catch (RuntimeException e) {
                System.getLogger(RebootQuery.class.getName()).log(System.Logger.Level.WARNING,
                        "could not tell " + describe(w) + " that the reboot is cancelled", e);
            }
        }
    }

    /** "burner (pid 42)": the app id from the window title, which another process set, only if it is one. */
    static String describe(AppWindow w) {
        String title = w.title().startsWith("rmkit ") ? w.title().substring("rmkit ".length()) : "";
        String name = APP_ID.matcher(title).matches() ? title : "a cooperating app";
        return name + " (pid " + w.pid() + ")";
    }
}
