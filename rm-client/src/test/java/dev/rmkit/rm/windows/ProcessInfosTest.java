package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.windows.jna.RM_PROCESS_INFO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessInfosTest {

    @Test
    void decodesAnRmProcessInfoWrittenInTheWindowsLayout() {
        Instant start = Instant.parse("2025-03-04T05:06:07.1234567Z");
        long ft = FileTimes.toFileTime(start);
        ByteBuffer b = ByteBuffer.allocate(668).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 9001).putInt(4, FileTimes.low(ft)).putInt(8, FileTimes.high(ft));
        b.put(12, "Spooler Subsystem App".getBytes(StandardCharsets.UTF_16LE));
        b.put(524, "Spooler".getBytes(StandardCharsets.UTF_16LE));
        b.putInt(652, 3).putInt(656, 0x2 | 0x8).putInt(660, -1).putInt(664, 1);
        Memory m = new Memory(668);
        m.write(0, b.array(), 0, 668);

        RmProcessInfo info = ProcessInfos.fromStruct(new RM_PROCESS_INFO(m));
        RestartCommand cmd = RestartCommand.of(List.of("/opt/spool", "--restore"), Path.of("/var/spool").toAbsolutePath());
        AffectedApp app = new ProcessInfos(id -> id.pid() == 9001 ? Optional.of(cmd) : Optional.empty())
                .toApps(List.of(info)).get(0);

        assertEquals(9001, app.process().pid());
        assertEquals(start, app.process().startTime());
        assertEquals("Spooler Subsystem App", app.name());
        assertEquals("Spooler", app.serviceName());
        assertEquals(AppType.SERVICE, app.type());
        assertEquals(Set.of(AppStatus.STOPPED, AppStatus.RESTARTED), app.status());
        assertTrue(app.restartable());
        assertEquals(-1, info.tsSessionId());
        assertEquals(Optional.of(cmd), app.restartCommand());
    }

    @Test
    void aPidAboveTwoToTheThirtyOneIsReadUnsigned() {
        RmProcessInfo info = new RmProcessInfo(0x8000_0004, 116_444_736_000_000_000L, "x", "", 1, 1, 1, true);
        assertEquals(0x8000_0004L, ProcessInfos.withoutCommands().toApps(List.of(info)).get(0).process().pid());
    }
}
