package dev.rmkit.rm.linux.proc;

import java.time.Duration;
import java.time.Instant;

/**
 * Converts a process start time in clock ticks since boot ({@code /proc/PID/stat} field 22) into wall
 * time: {@code btime} (boot time in seconds since the epoch, from {@code /proc/stat}) plus
 * {@code ticks / CLK_TCK}.
 *
 * <p>CLK_TCK is the kernel's USER_HZ, which the Linux ABI fixes at 100 on every mainstream architecture
 * (x86, arm, arm64, riscv, ppc, s390); rmkit assumes 100 rather than running {@code getconf CLK_TCK},
 * and a test checks the assumption against getconf. The resolution is therefore 10 ms.
 *
 * <p>{@code btime} moves when the wall clock is stepped, so identities are compared in ticks wherever
 * they cross a process boundary (the registry stores ticks); the {@link java.time.Instant} form is for
 * the portable API and for people.
 *
 * @param bootTime the boot time from {@code btime}
 * @param ticksPerSecond CLK_TCK
 */
public record BootClock(Instant bootTime, long ticksPerSecond) {

    public static final long CLK_TCK = 100;

    public BootClock {
        if (ticksPerSecond <= 0) {
            throw new IllegalArgumentException("ticksPerSecond must be positive");
        }
    }

    /** The wall-clock start time of a process that started {@code ticks} after boot. */
    public Instant startTime(long ticks) {
        long seconds = ticks / ticksPerSecond;
        long nanos = (ticks % ticksPerSecond) * (1_000_000_000L / ticksPerSecond);
        return bootTime.plusSeconds(seconds).plusNanos(nanos);
    }

    /** The tick count that {@link #startTime} maps to {@code time} (rounded to the nearest tick). */
    public long ticks(Instant time) {
        Duration d = Duration.between(bootTime, time);
        long nanosPerTick = 1_000_000_000L / ticksPerSecond;
        return Math.floorDiv(d.toNanos() + nanosPerTick / 2, nanosPerTick);
    }

    /**
     * Parses {@code /proc/stat} for its {@code btime} line.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static BootClock parse(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("btime ")) {
                long seconds = Long.parseLong(line.substring(6).trim());
                return new BootClock(Instant.ofEpochSecond(seconds), CLK_TCK);
            }
        }
        throw new IllegalArgumentException("/proc/stat has no btime line");
    }
}
