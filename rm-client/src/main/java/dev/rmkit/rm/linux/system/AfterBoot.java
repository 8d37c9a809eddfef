package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.LinuxConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The one after-boot runner a reboot registers when it closed apps: it runs every registered resume
 * command first, one after another, each to its end (an {@code updater resume} finishes the pending
 * update), re-registers for a later boot any resume that is still registered afterwards (its work is
 * unfinished), then starts the recorded apps (each claimed, so at most once) and removes its own
 * registration. Windows gets the same order from the OS: pending renames happen during the boot,
 * RunOnce runs at logon, and the apps registered for restart come back after it. The apps of a user who
 * is not logged in wait for that user's login ({@link AtLogin}); there the same class runs with
 * {@code --login-uid UID} for that user's apps only.
 *
 * <p>Usage: {@code AfterBoot --state-dir S --autostart-dir A --unit-dir U [--system-wide] [--login-uid UID]}.
 */
public final class AfterBoot {

    /** How long one resume command may take before the runner goes on without it. */
    static final long RESUME_LIMIT_MINUTES = 30;

    private AfterBoot() {}

    public static void main(String[] args) {
        System.exit(main(args, System.out));
    }

    static int main(String[] args, PrintStream log) {
        LinuxSystemControl.Settings s;
        OptionalInt loginUid;
        try {
            List<String> rest = new ArrayList<>(List.of(args));
            loginUid = loginUid(rest);
            s = parse(rest.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            log.println("after-boot: " + e.getMessage());
            return 2;
        }
        try {
            LinuxSystemControl control = new LinuxSystemControl(s);
            RestartResult r = loginUid.isPresent() ? atLogin(control, loginUid.getAsInt(), log) : control.runAfterBoot(log);
            return r.complete() ? 0 : 1;
        } catch (RmException e) {
            log.println("after-boot: " + e.getMessage());
            return 1;
        }
    }

    /** Takes {@code --login-uid UID} out of {@code args}: the run at that user's login ({@link AtLogin}). */
    static OptionalInt loginUid(List<String> args) {
        int i = args.indexOf("--login-uid");
        if (i < 0) {
            return OptionalInt.empty();
        }
        if (i + 1 >= args.size() || !args.get(i + 1).matches("\\d{1,9}")) {
            throw new IllegalArgumentException("--login-uid needs a uid");
        }
        int uid = Integer.parseInt(args.get(i + 1));
        args.subList(i, i + 2).clear();
        return OptionalInt.of(uid);
    }

    /**
     * At {@code uid}'s login: starts that user's recorded apps (and no one else's), then, once none of
     * the user's records is left, removes the registration that ran this.
     */
    static RestartResult atLogin(LinuxSystemControl control, int uid, PrintStream log) throws RmException {
        return atLogin(control, uid, log, LinuxConfig.DEFAULT_END_SESSION_TIMEOUT);
    }

    /** As {@link #atLogin(LinuxSystemControl, int, PrintStream)}, waiting up to {@code startTimeout} per app. */
    static RestartResult atLogin(LinuxSystemControl control, int uid, PrintStream log, Duration startTimeout)
            throws RmException {
        Relauncher.Later others = new Relauncher.Later() {
            @Override
            public boolean defers(RecordedApp app) {
                return app.owner().uid() != uid;
            }

            @Override
            public void defer(RecordedApp app) {}
        };
        RestartResult r = Relauncher.relaunch(control.restarts(), control.bootId(), others, startTimeout);
        logged(r, log);
        try {
            if (!control.restarts().holds(uid)) {
                AtLogin.unregister(control.settings(), uid);
            }
        } catch (IOException e) {
            throw new RmException("at login", "cannot remove the registration for uid " + uid + ": " + e.getMessage(), e);
        }
        return r;
    }

    private static void logged(RestartResult r, PrintStream log) {
        for (AppOutcome o : r.apps()) {
            log.println("after-boot: " + o.app().name() + (o.reason().isEmpty()
                    ? " started again (pid " + o.newProcess().orElseThrow().pid() + ")" : " not started: " + o.reason().get()));
        }
    }

    /** The argv that runs this class with {@code settings}: this JVM, this class path. */
    static List<String> command(LinuxSystemControl.Settings settings) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AfterBoot.class.getName(),
                "--state-dir", settings.stateDir().toString(), "--autostart-dir", settings.autostartDir().toString(),
                "--unit-dir", settings.systemdUnitDir().toString()));
        if (settings.systemWide()) {
            argv.add("--system-wide");
        }
        return argv;
    }

    static LinuxSystemControl.Settings parse(String[] args) {
        Path state = null;
        Path autostart = null;
        Path units = null;
        boolean systemWide = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--system-wide")) {
                systemWide = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            switch (a) {
                case "--state-dir" -> state = Path.of(args[++i]);
                case "--autostart-dir" -> autostart = Path.of(args[++i]);
                case "--unit-dir" -> units = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (state == null || autostart == null || units == null) {
            throw new IllegalArgumentException("usage: AfterBoot --state-dir S --autostart-dir A --unit-dir U [--system-wide]");
        }
        return new LinuxSystemControl.Settings(autostart, units, state, List.of("true"), systemWide, List.of());
    }

    static RestartResult run(LinuxSystemControl control, PrintStream log) throws RmException {
        try {
            for (Map.Entry<String, List<String>> e : control.resumes().all().entrySet()) {
                log.println("after-boot: running resume " + e.getKey());
                runToEnd(e.getValue(), log);
                if (control.resumes().contains(e.getKey())) {
                    log.println("after-boot: resume " + e.getKey() + " is unfinished; it runs again after the next boot");
                    control.files().write(e.getKey(), e.getValue());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            log.println("after-boot: cannot run the registered resumes (" + e.getMessage() + "); starting the apps anyway");
        }
        AtLogin atLogin = control.atLogin();
        RestartResult r = Relauncher.relaunch(control.restarts(), control.bootId(), atLogin);
        logged(r, log);
        for (RecordedApp a : atLogin.deferred()) {
            log.println("after-boot: " + a.appId() + " of uid " + a.owner().uid() + " starts at that user's next login"
                    + " (the user is not logged in and does not linger)");
        }
        try {
            control.files().delete(LinuxSystemControl.AFTER_BOOT);
        } catch (IOException e) {
            throw new RmException("after boot", "cannot remove the runner's registration: " + e.getMessage(), e);
        }
        return r;
    }

    private static void runToEnd(List<String> argv, PrintStream log) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(RESUME_LIMIT_MINUTES, TimeUnit.MINUTES)) {
                log.println("after-boot: " + argv.get(0) + " still runs after " + RESUME_LIMIT_MINUTES
                        + " minutes; going on without it");
            } else {
                log.println("after-boot: exit " + p.exitValue());
            }
        } catch (IOException e) {
            log.println("after-boot: cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
