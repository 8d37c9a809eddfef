package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.systemd.UserManagers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The apps a reboot closed whose user is not logged in after the boot (no service manager of the
 * user's own: no session, no lingering) start at that user's next login, the way Windows starts the
 * apps registered for restart when their user logs on again, and as apps of the user's own manager
 * like any app of the session. Starting them at boot instead would either run them outside the user's
 * session (no display, no session bus, not in the user's manager), or start the user's manager
 * ({@code user@UID.service}) for a user who did not log in: lingering that the admin did not ask for,
 * with every service the user enabled.
 *
 * <p>For each such user, root's system side writes {@code rmkit-restart-at-login-UID.service}, a
 * one-shot system unit ordered after {@code user@UID.service} and wanted by it (a link in
 * {@code user@UID.service.wants/}), so logind's start of the user's manager at the login starts it too.
 * It runs the after-boot starter for that user's records only ({@code AfterBoot --login-uid UID}), in
 * the user's manager, each app exactly once (the {@link RestartList} protocol), and removes itself once
 * none of the user's records is left. Only root (a system-wide registration) defers, and only where
 * systemd is the init.
 */
final class AtLogin implements Relauncher.Later {

    /** systemd reads this directory: new links in it need a daemon-reload to count. */
    static final Path SYSTEM_UNITS = Path.of("/etc/systemd/system");

    private final LinuxSystemControl.Settings settings;
    private final Path runRoot;
    private final Set<Integer> registered = new LinkedHashSet<>();
    private final List<RecordedApp> deferred = new ArrayList<>();

    AtLogin(LinuxSystemControl.Settings settings, Path runRoot) {
        this.settings = settings;
        this.runRoot = runRoot;
    }

    static String unitName(int uid) {
        return "rmkit-restart-at-login-" + uid + ".service";
    }

    /** True for the app of a user other than root who has no service manager now and does not linger. */
    @Override
    public boolean defers(RecordedApp app) {
        int uid = app.owner().uid();
        return settings.systemWide() && Files.isDirectory(runRoot.resolve("systemd/system")) && uid != 0
                && !Files.exists(UserManagers.bus(runRoot, uid)) && !UserManagers.lingering(uid);
    }

    @Override
    public void defer(RecordedApp app) throws IOException {
        deferred.add(app);
        int uid = app.owner().uid();
        if (registered.add(uid)) {
            register(uid);
        }
    }

    /** The apps held back for their user's login, in the order met. */
    List<RecordedApp> deferred() {
        return List.copyOf(deferred);
    }

    /** The unit and its link; systemd reloaded if it reads them. */
    void register(int uid) throws IOException {
        List<String> argv = new ArrayList<>(AfterBoot.command(settings));
        argv.addAll(List.of("--login-uid", Integer.toString(uid)));
        Path unit = settings.systemdUnitDir().resolve(unitName(uid));
        Files.createDirectories(unit.getParent());
        Path tmp = unit.resolveSibling(unit.getFileName() + ".tmp");
        Files.writeString(tmp, unit(uid, argv), StandardCharsets.UTF_8);
        Files.move(tmp, unit, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path wants = Files.createDirectories(settings.systemdUnitDir().resolve("user@" + uid + ".service.wants"));
        Path link = wants.resolve(unitName(uid));
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("..", unitName(uid)));
        reload();
    }

    /** Removes the unit and its link of {@code uid}, if there are any. */
    static void unregister(LinuxSystemControl.Settings settings, int uid) throws IOException {
        Path wants = settings.systemdUnitDir().resolve("user@" + uid + ".service.wants");
        Files.deleteIfExists(wants.resolve(unitName(uid)));
        try {
            Files.deleteIfExists(wants);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // Another program's wants of the user's manager: they stay.
        }
        Files.deleteIfExists(settings.systemdUnitDir().resolve(unitName(uid)));
    }

    /** The unit's text; pure. */
    static String unit(int uid, List<String> argv) {
        return "[Unit]\n"
                + "Description=rmkit: start the apps of uid " + uid + " that a reboot closed, now that the user logged in\n"
                + "After=user@" + uid + ".service\n"
                + "\n[Service]\n"
                + "Type=oneshot\n"
                + "ExecStart=" + ResumeEntries.systemdExec(argv) + "\n"
                + "Restart=on-abnormal\nRestartSec=1\n";
    }

    private void reload() throws IOException {
        if (!settings.systemdUnitDir().equals(SYSTEM_UNITS) || !Files.isDirectory(runRoot.resolve("systemd/system"))) {
            return; // a directory systemd does not read (tests), or no systemd: nothing to reload
        }
        try {
            LinuxSystemControl.run("daemon-reload", List.of("systemctl", "daemon-reload"));
        } catch (RmException e) {
            throw new IOException("the unit that starts the apps at the login is written, but systemd did not reload: "
                    + e.getMessage(), e);
        }
    }
}
