package dev.rmkit.rm.linux.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Mains or battery, from the kernel's power-supply class ({@code /sys/class/power_supply/NAME/}, see
 * the kernel's sysfs-class-power ABI): a supply that is not a battery (Mains, USB, USB-C...) with
 * {@code online} 1 means mains power; otherwise a system battery ({@code scope} not "Device", which
 * marks the batteries of mice and keyboards) means battery, unless its {@code status} says it is
 * charging or full (the charger is plugged in). No supply at all (servers, containers, most VMs):
 * the OS cannot tell.
 */
public final class PowerSupplies {

    /** Where the kernel lists power supplies. */
    public static final Path SYSFS = Path.of("/sys/class/power_supply");

    private PowerSupplies() {}

    /** True on mains, false on battery, empty if {@code root} says nothing. */
    public static Optional<Boolean> onAc(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        boolean battery = false;
        boolean charging = false;
        try (Stream<Path> supplies = Files.list(root)) {
            for (Path s : (Iterable<Path>) supplies::iterator) {
                String type = read(s, "type").toLowerCase(Locale.ROOT);
                if (type.isEmpty()) {
                    continue;
                }
                if (!type.equals("battery") && !type.equals("ups")) {
                    if (read(s, "online").equals("1")) {
                        return Optional.of(true);
                    }
                } else if (type.equals("battery") && !read(s, "scope").equalsIgnoreCase("device")) {
                    battery = true;
                    String status = read(s, "status").toLowerCase(Locale.ROOT);
                    charging |= status.equals("charging") || status.equals("full") || status.equals("not charging");
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return battery ? Optional.of(charging) : Optional.empty();
    }

    private static String read(Path supply, String attribute) {
        try {
            return Files.readString(supply.resolve(attribute)).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
