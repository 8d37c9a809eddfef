package dev.rmkit.updater.apply;

import dev.rmkit.rm.linux.LinuxSystemDefaults;

/**
 * Identifies the current boot, so a swap scheduled "for the next boot" is not run before it: Linux
 * draws a fresh random {@code /proc/sys/kernel/random/boot_id} at every boot. {@code RMKIT_BOOT_ID}
 * replaces it (demos simulate a reboot with it); rm-client's system side uses the same rule, so the
 * updater and the restart list agree on which boot this is.
 */
public final class BootId {

    private BootId() {}

    /** The current boot's id, or "unknown-boot" where the OS does not expose one. */
    public static String current() {
        return LinuxSystemDefaults.bootId(System.getenv());
    }
}
