package dev.rmkit.updater.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Identifies the current boot, so a swap scheduled "for the next boot" is not run before it: Linux
 * draws a fresh random {@code /proc/sys/kernel/random/boot_id} at every boot.
 */
public final class BootId {

    static final Path LINUX = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {}

    /** The current boot's id, or "unknown-boot" where the OS does not expose one. */
    public static String current() {
        try {
            return Files.readString(LINUX).strip();
        } catch (IOException | SecurityException e) {
            return "unknown-boot";
        }
    }
}
