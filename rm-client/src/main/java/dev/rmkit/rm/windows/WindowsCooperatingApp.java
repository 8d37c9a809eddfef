package dev.rmkit.rm.windows;

import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * This process as a Restart-Manager-aware application: a hidden window and a console handler
 * answer through one {@link EndSessionDecider}; RegisterApplicationRestart carries the command line;
 * busy periods block shutdown, ask to be queried early and keep the system awake ({@link Busy}).
 *
 * <p>{@link #close()} removes the window but deliberately does not unregister the restart command:
 * an app closes this while exiting on WM_ENDSESSION, and RmRestart needs the registration after that.
 *
 * <p>AWT: if the JVM has AWT loaded, AWT's own hidden window answers WM_QUERYENDSESSION by starting
 * {@code System.exit} at once, without reading lParam; our window does not get the last word then
 * (reference §0 item 10, docs/windows.md).
 */
final class WindowsCooperatingApp implements CooperatingApp {

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final WindowApi window;
    private final ProcessApi process;
    private final Busy busy;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WindowsCooperatingApp(WindowApi window, ProcessApi process, Busy busy) {
        this.window = window;
        this.process = process;
        this.busy = busy;
    }

    static WindowsCooperatingApp start(String appId, EndSessionListener listener, WindowApi window, ProcessApi process,
            PowerApi power) throws RmException {
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            throw new RmException("cooperate", "an app id is 1-64 letters, digits, '.', '-' or '_': " + appId);
        }
        Objects.requireNonNull(listener, "listener");
        BusyState state = new BusyState();
        EndSessionDecider decider = new EndSessionDecider(listener, state);
        window.open("rmkit " + appId, decider::onMessage);
        if (!process.setConsoleCtrlHandler(decider::onConsoleEvent)) {
            System.getLogger(WindowsCooperatingApp.class.getName()).log(System.Logger.Level.WARNING,
                    "SetConsoleCtrlHandler failed; console close events will not reach the listener");
        }
        return new WindowsCooperatingApp(window, process, new Busy(state, window, process, power));
    }

    @Override
    public void registerRestart(RestartCommand command) throws RmException {
        String args = RestartRegistration.arguments(command);
        Win32Errors.checkHresult("RegisterApplicationRestart",
                process.registerApplicationRestart(args, RestartRegistration.flags(command)));
    }

    @Override
    public void unregisterRestart() throws RmException {
        Win32Errors.checkHresult("UnregisterApplicationRestart", process.unregisterApplicationRestart());
    }

    @Override
    public BusyHandle busy(String reason) throws RmException {
        if (closed.get()) {
            throw new RmException("busy", "the cooperating app is closed");
        }
        return busy.enter(reason);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            busy.releaseAll();
            window.close();
        }
    }
}
