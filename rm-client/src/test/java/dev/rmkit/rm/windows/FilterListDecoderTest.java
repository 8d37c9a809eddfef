package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterAction;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.windows.jna.RM_FILTER_INFO;
import dev.rmkit.rm.windows.jna.Utf16;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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

        List<Filter> filters = FilterListDecoder.decode(m, 4096, 4096);

        assertEquals(List.of(
                new Filter(new FilterTarget.File(Path.of("C:\\Apps\\burner.exe")), FilterAction.NO_RESTART),
                new Filter(new FilterTarget.Process(new ProcessId(77, start)), FilterAction.NO_SHUTDOWN),
                new Filter(new FilterTarget.Service("Spooler"), FilterAction.NO_SHUTDOWN)), filters);
    }

    @Test
    void anEmptyBufferHasNoFilters() {
        Memory m = new Memory(8);
        m.clear();
        assertEquals(List.of(), FilterListDecoder.decode(m, 8, 8));
    }

    @Test
    void aStringPointerOutsideTheBufferIsNeverFollowed() {
        int entry = Native.POINTER_SIZE == 8 ? 32 : 24;
        int union = Native.POINTER_SIZE == 8 ? 16 : 12;
        Memory elsewhere = new Memory(64);
        elsewhere.clear();
        Utf16.write(elsewhere, 0, "C:\\not\\in\\the\\buffer");
        Memory m = new Memory(entry);
        m.clear();
        m.setInt(0, 1);
        m.setInt(4, 1);
        m.setInt(8, 0);
        m.setPointer(union, elsewhere);

        assertEquals(List.of(), FilterListDecoder.decode(m, entry, entry));
    }

    @Test
    void onlyTheBytesRmReportsAreDecoded() {
        int entry = FilterListDecoder.entrySize(Native.POINTER_SIZE);
        int union = FilterListDecoder.unionOffset(Native.POINTER_SIZE);
        Memory m = new Memory(2L * entry);
        m.clear();
        m.setInt(0, 2);
        m.setInt(4, 2);
        m.setInt(8, entry); // points on to bytes RM did not write: stale heap in an uncleared buffer
        m.setInt(union, 77);
        m.setInt(entry, 1);
        m.setInt(entry + 4, 2);
        m.setInt(entry + union, 99);

        List<Filter> filters = FilterListDecoder.decode(m, 2 * entry, entry);

        assertEquals(1, filters.size(), filters.toString());
        assertEquals(77, ((FilterTarget.Process) filters.get(0).target()).process().pid());
    }

    @Test
    void aStringWithoutItsNulInsideTheBufferIsSkipped() {
        int entry = FilterListDecoder.entrySize(8);
        byte[] b = new byte[entry + 6];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long base = 0x10_0000L;
        bb.putInt(0, 1).putInt(4, 3).putInt(8, 0).putLong(16, base + entry);
        bb.put(entry, (byte) 'S').put(entry + 2, (byte) 'p').put(entry + 4, (byte) 'o'); // no terminating NUL

        assertEquals(List.of(), FilterListDecoder.decode(b, base, 8));
    }

    @Test
    void theDecoderAgreesWithTheStructLayout() {
        RM_FILTER_INFO f = new RM_FILTER_INFO();
        f.FilterAction = 2;
        f.FilterTrigger = 2;
        f.u.setType("Process");
        f.u.Process.dwProcessId = 4242;
        f.write();
        byte[] bytes = f.getPointer().getByteArray(0, f.size());

        assertEquals(f.size(), FilterListDecoder.entrySize(Native.POINTER_SIZE));
        List<Filter> filters = FilterListDecoder.decode(bytes, Pointer.nativeValue(f.getPointer()), Native.POINTER_SIZE);
        assertEquals(4242, ((FilterTarget.Process) filters.get(0).target()).process().pid());
    }

    /** Random buffers, random base addresses, pointers aimed inside and outside: never an exception, never a foreign byte. */
    @Test
    void randomBuffersNeverMakeTheDecoderReadOutside() {
        Random random = new Random(13);
        for (int round = 0; round < 20_000; round++) {
            int pointerSize = random.nextBoolean() ? 8 : 4;
            int entry = FilterListDecoder.entrySize(pointerSize);
            byte[] b = new byte[random.nextInt(4 * entry + 40)];
            random.nextBytes(b);
            long base = (random.nextLong() & 0x7FFF_FFFF_FFF0L) | 0x1000;
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = 0; at + entry <= b.length; at += entry) {
                bb.putInt(at, 1 + random.nextInt(2)); // a valid action, so the entry gets decoded
                bb.putInt(at + 4, random.nextInt(5));
                bb.putInt(at + 8, random.nextInt(4) == 0 ? random.nextInt() : entry);
                long target = random.nextBoolean() ? base + random.nextInt(Math.max(1, b.length + 64)) - 32
                        : random.nextLong();
                int union = FilterListDecoder.unionOffset(pointerSize);
                if (pointerSize == 8) {
                    bb.putLong(at + union, target);
                } else {
                    bb.putInt(at + union, (int) target);
                }
            }
            Set<String> inside = terminatedStrings(b);
            for (Filter f : FilterListDecoder.decode(b, base, pointerSize)) {
                String text = f.target() instanceof FilterTarget.File file ? file.path().toString()
                        : f.target() instanceof FilterTarget.Service svc ? svc.name() : "";
                // Path.of may normalise separators; any other text must be a NUL-terminated string of the buffer.
                assertTrue(text.contains("/") || inside.contains(text), "decoded text that is not in the buffer: " + text);
            }
        }
    }

    /** Every NUL-terminated UTF-16 string that starts at some offset of {@code b} and ends inside it. */
    private static Set<String> terminatedStrings(byte[] b) {
        Set<String> out = new HashSet<>();
        for (int start = 0; start < b.length; start++) {
            for (int i = start; i + 1 < b.length; i += 2) {
                if (b[i] == 0 && b[i + 1] == 0) {
                    out.add(new String(b, start, i - start, StandardCharsets.UTF_16LE));
                    break;
                }
            }
        }
        return out;
    }
}
