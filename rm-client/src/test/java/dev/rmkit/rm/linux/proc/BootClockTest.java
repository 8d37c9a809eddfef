package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class BootClockTest {

    @Test
    void convertsTicksSinceBootToWallTime() {
        BootClock c = BootClock.parse("cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n");
        assertEquals(Instant.ofEpochSecond(1700000000), c.bootTime());
        assertEquals(Instant.parse("2023-11-14T22:16:20.090Z"), c.startTime(18009));
        assertEquals(18009, c.ticks(c.startTime(18009)));
    }

    @Test
    void refusesProcStatWithoutBtime() {
        assertThrows(IllegalArgumentException.class, () -> BootClock.parse("cpu 1 2 3\n"));
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "runs getconf")
    @Test
    void clockTickMatchesGetconf() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, p.waitFor());
        assertEquals(BootClock.CLK_TCK, Long.parseLong(out));
    }
}
