package dev.rmkit.updater.reboot;

/** {@code --reboot}: what to do when the update can only finish at the next boot. */
public enum RebootMode {
    /** Schedule the work, register the resume, report "reboot required" (exit 100 / 3010). */
    NEVER,
    /** Also reboot now, restarting registered applications (exit 101 / 1641). */
    IF_NEEDED
}
