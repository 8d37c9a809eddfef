package dev.rmkit.rm;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comparing boot ids ({@link SystemControl#bootId()}). Where the OS has a random id per boot (Linux),
 * ids are equal or not. Where only the boot's start time can be had (Windows: the wall clock minus
 * the time since boot), the id is {@link #ofBootTime}, and two such ids name the same boot when the
 * times lie within {@link #SAME_BOOT_TOLERANCE}: the clock may be set or corrected while the system
 * runs, which moves a boot time computed this way, while two real boots lie further apart (a shutdown,
 * the firmware, a start of Windows, and the updater's own time since the earlier boot).
 */
public final class BootIds {

    /** How far two computed boot times of one boot may lie apart. */
    public static final Duration SAME_BOOT_TOLERANCE = Duration.ofSeconds(60);
    private static final Pattern BOOT_TIME = Pattern.compile("boot-time-(-?[0-9]{1,18})");

    private BootIds() {}

    /** The id of the boot that started at {@code bootTime}, to whole seconds. */
    public static String ofBootTime(Instant bootTime) {
        return "boot-time-" + bootTime.getEpochSecond();
    }

    /** Whether {@code recorded}, an earlier boot id, names the same boot as {@code current}. */
    public static boolean sameBoot(String recorded, String current) {
        if (recorded.equals(current)) {
            return true;
        }
        Optional<Long> a = seconds(recorded);
        Optional<Long> b = seconds(current);
        return a.isPresent() && b.isPresent() && Math.abs(a.get() - b.get()) <= SAME_BOOT_TOLERANCE.toSeconds();
    }

    private static Optional<Long> seconds(String id) {
        Matcher m = BOOT_TIME.matcher(id);
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
