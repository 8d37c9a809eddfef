package dev.rmkit.burner.disc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The media the virtual recorder models, with the figures of reference/linux-and-burner.md §B3:
 * capacity in 2048-byte sectors (CD 80 min = 360,000 sectors, "700 MB"; DVD+R 2,295,104 and DVD-R
 * 2,298,496 sectors, "4.7 GB"), the 1x data rate (CD 75 sectors/s = 153,600 B/s; DVD 1,385,000 B/s)
 * and the fastest speed such media are rated for.
 */
public enum MediaType {
    CD_R("cd-r", "CD-R", 360_000L, 153_600L, 52, false),
    CD_RW("cd-rw", "CD-RW", 360_000L, 153_600L, 32, true),
    DVD_R("dvd-r", "DVD-R", 2_298_496L, 1_385_000L, 16, false),
    DVD_PLUS_R("dvd+r", "DVD+R", 2_295_104L, 1_385_000L, 16, false);

    private final String cliName;
    private final String displayName;
    private final long capacitySectors;
    private final long bytesPerSecondAt1x;
    private final int maxSpeed;
    private final boolean rewritable;

    MediaType(String cliName, String displayName, long capacitySectors, long bytesPerSecondAt1x, int maxSpeed,
            boolean rewritable) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.capacitySectors = capacitySectors;
        this.bytesPerSecondAt1x = bytesPerSecondAt1x;
        this.maxSpeed = maxSpeed;
        this.rewritable = rewritable;
    }

    /** The name used on the command line and in the disc header ({@code cd-r}, {@code dvd+r}...). */
    public String cliName() {
        return cliName;
    }

    public String displayName() {
        return displayName;
    }

    public long capacitySectors() {
        return capacitySectors;
    }

    public long bytesPerSecondAt1x() {
        return bytesPerSecondAt1x;
    }

    public int maxSpeed() {
        return maxSpeed;
    }

    /** Whether the media can be erased (CD-RW). */
    public boolean rewritable() {
        return rewritable;
    }

    /** The media type for a command-line name, ignoring case. */
    public static Optional<MediaType> parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.cliName.equals(n)).findFirst();
    }

    /** The accepted names, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(MediaType::cliName).collect(Collectors.joining(", "));
    }
}
