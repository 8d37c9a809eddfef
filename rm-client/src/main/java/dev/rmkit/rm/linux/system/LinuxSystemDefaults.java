package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.linux.protocol.RuntimeDir;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Linux system side puts things by default, from the environment: the XDG base
 * directories for a user; {@code /etc/systemd/system} and {@code /var/lib/rmkit} for root.
 * {@code RMKIT_REBOOT_COMMAND} (run with {@code sh -c}) replaces {@code systemctl reboot},
 * {@code RMKIT_SYSTEMD_UNIT_DIR} the unit directory and {@code RMKIT_STATE_DIR} (absolute) the state
 * directory, so tests, demos and unusual hosts can substitute them.
 */
public final class LinuxSystemDefaults {

    public static final String REBOOT_COMMAND_ENV = "RMKIT_REBOOT_COMMAND";
    public static final String UNIT_DIR_ENV = "RMKIT_SYSTEMD_UNIT_DIR";
    /** Replaces the state directory (pending replacements, the reboot's restart list, resume commands). */
    public static final String STATE_DIR_ENV = "RMKIT_STATE_DIR";
    /** Replaces the kernel's boot id: lets a demo or test simulate a reboot without one. */
    public static final String BOOT_ID_ENV = "RMKIT_BOOT_ID";
    private static final Path KERNEL_BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** Where logind makes each user's runtime directory ({@code XDG_RUNTIME_DIR}). */
    public static final Path USERS_RUNTIME = Path.of("/run/user");

    private LinuxSystemDefaults() {}

    public static LinuxSystemControl.Settings settings(Map<String, String> env) {
        Path home = Path.of(System.getProperty("user.home"));
        boolean root = isRoot();
        Path config = dir(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        Path state = dir(env, STATE_DIR_ENV, root ? Path.of("/var/lib/rmkit")
                : dir(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("rmkit"));
        Path units = Path.of(env.getOrDefault(UNIT_DIR_ENV, "/etc/systemd/system"));
        String reboot = env.get(REBOOT_COMMAND_ENV);
        List<String> rebootArgv = reboot == null || reboot.isBlank()
                ? List.of("systemctl", "reboot") : List.of("/bin/sh", "-c", reboot);
        // Root asks every user's apps before a reboot, unless it was confined to one registry.
        boolean everyUser = root && (env.get(RuntimeDir.ENV) == null || env.get(RuntimeDir.ENV).isBlank());
        return new LinuxSystemControl.Settings(config.resolve("autostart"), units, state, rebootArgv, root,
                searchPath(env.getOrDefault("PATH", "/usr/bin:/bin")), everyUser ? Optional.of(USERS_RUNTIME) : Optional.empty());
    }

    /**
     * The current boot's id: {@code RMKIT_BOOT_ID} if set, else the kernel's
     * {@code /proc/sys/kernel/random/boot_id} (a fresh random id at every boot), else "unknown-boot".
     */
    public static String bootId(Map<String, String> env) {
        String own = env.get(BOOT_ID_ENV);
        if (own != null && !own.isBlank()) {
            return own.strip();
        }
        try {
            return Files.readString(KERNEL_BOOT_ID).strip();
        } catch (IOException | SecurityException e) {
            return "unknown-boot";
        }
    }

    /** An XDG variable is used only if it is an absolute path, as the Base Directory spec says. */
    static Path dir(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v != null && !v.isEmpty() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    static List<Path> searchPath(String path) {
        List<Path> out = new ArrayList<>();
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                out.add(Path.of(d));
            }
        }
        return out;
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
