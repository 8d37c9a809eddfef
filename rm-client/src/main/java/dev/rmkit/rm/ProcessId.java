package dev.rmkit.rm;

import java.time.Instant;
import java.util.Objects;

/**
 * A process identity that survives PID reuse: the PID plus the process start time, like Windows'
 * {@code RM_UNIQUE_PROCESS}. Two live processes never share both; every signal or close request
 * re-checks the start time first.
 *
 * <p>Start-time precision is the platform's: 100 ns on Windows (FILETIME), one clock tick
 * (usually 10 ms) on Linux. Compare identities only within one backend.
 *
 * @param pid the operating-system process id, positive
 * @param startTime when the process started
 */
public record ProcessId(long pid, Instant startTime) {
    public ProcessId {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        Objects.requireNonNull(startTime, "startTime");
    }

    @Override
    public String toString() {
        return pid + "@" + startTime;
    }
}
