package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterAction;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.windows.jna.Utf16;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A filter buffer laid out as RmGetFilterList would, strings inside the same buffer. */
class FilterListDecoderTest {

    @Test
    void followsTheChainAndReadsEachKindOfTarget() {
        int entry = Native.POINTER_SIZE == 8 ? 32 : 24;
        int union = Native.POINTER_SIZE == 8 ? 16 : 12;
        Memory m = new Memory(4096);
        m.clear();
        long strings = 3L * entry;
        // 1: a file, no restart
        m.setInt(0, 1);
        m.setInt(4, 1);
        m.setInt(8, entry);
        m.setPointer(union, m.share(strings));
        long next = strings + Utf16.write(m, strings, "C:\\Apps\\burner.exe");
        // 2: a process, no shutdown
        Instant start = Instant.parse("2024-01-02T03:04:05Z");
        long ft = FileTimes.toFileTime(start);
        m.setInt(entry, 2);
        m.setInt(entry + 4, 2);
        m.setInt(entry + 8, entry);
        m.setInt(entry + union, 77);
        m.setInt(entry + union + 4, FileTimes.low(ft));
        m.setInt(entry + union + 8, FileTimes.high(ft));
        // 3: a service, last in the chain
        m.setInt(2L * entry, 2);
        m.setInt(2L * entry + 4, 3);
        m.setInt(2L * entry + 8, 0);
        m.setPointer(2L * entry + union, m.share(next));
        Utf16.write(m, next, "Spooler");

        List<Filter> filters = FilterListDecoder.decode(m, 4096);

        assertEquals(List.of(
                new Filter(new FilterTarget.File(Path.of("C:\\Apps\\burner.exe")), FilterAction.NO_RESTART),
                new Filter(new FilterTarget.Process(new ProcessId(77, start)), FilterAction.NO_SHUTDOWN),
                new Filter(new FilterTarget.Service("Spooler"), FilterAction.NO_SHUTDOWN)), filters);
    }

    @Test
    void anEmptyBufferHasNoFilters() {
        Memory m = new Memory(8);
        m.clear();
        assertEquals(List.of(), FilterListDecoder.decode(m, 8));
    }
}
