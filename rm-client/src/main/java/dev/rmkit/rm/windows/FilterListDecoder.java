package dev.rmkit.rm.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterAction;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.windows.jna.RestartManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the buffer RmGetFilterList fills: RM_FILTER_INFO entries chained by {@code cbNextOffset}
 * (taken as relative to the entry, 0 ending the chain — the doc does not say more), whose string
 * members point to UTF-16 text. Everything is read from a copy of the bytes RM says it wrote
 * ({@code cbFilterBufNeeded}), never more: an offset past them ends the chain, and a string pointer
 * is followed only if it lies inside that copy and its text ends inside it too, so no value RM (or a
 * bug) puts there can make the JVM read memory it does not own. Entries rmkit cannot represent are
 * skipped with a log line.
 */
final class FilterListDecoder {

    private static final System.Logger LOG = System.getLogger(FilterListDecoder.class.getName());

    private FilterListDecoder() {}

    /** RM_FILTER_INFO's size for a pointer size (reference §1.3): 32 on 64-bit, 24 on 32-bit. */
    static int entrySize(int pointerSize) {
        return pointerSize == 8 ? 32 : 24;
    }

    /** Offset of the union (the target) in RM_FILTER_INFO: 16 on 64-bit, 12 on 32-bit. */
    static int unionOffset(int pointerSize) {
        return pointerSize == 8 ? 16 : 12;
    }

    /**
     * The filters in a native buffer of {@code capacity} bytes of which RM reported {@code used}:
     * only {@code min(capacity, used)} bytes are read.
     */
    static List<Filter> decode(Pointer buffer, int capacity, int used) {
        int n = Math.max(0, Math.min(capacity, used));
        byte[] bytes = n == 0 ? new byte[0] : buffer.getByteArray(0, n);
        return decode(bytes, Pointer.nativeValue(buffer), Native.POINTER_SIZE);
    }

    /**
     * The filters in {@code bytes}, a copy of a buffer that lived at native address {@code base};
     * pointers are {@code pointerSize} bytes, little-endian (every Windows architecture).
     */
    static List<Filter> decode(byte[] bytes, long base, int pointerSize) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int entry = entrySize(pointerSize);
        List<Filter> out = new ArrayList<>();
        long offset = 0;
        while (offset + entry <= bytes.length) {
            int at = (int) offset;
            decodeEntry(b, at, base, pointerSize).ifPresent(out::add);
            long next = Integer.toUnsignedLong(b.getInt(at + 8));
            if (next == 0) {
                break;
            }
            offset += next;
        }
        return out;
    }

    private static Optional<Filter> decodeEntry(ByteBuffer b, int at, long base, int pointerSize) {
        int actionValue = b.getInt(at);
        int trigger = b.getInt(at + 4);
        int union = at + unionOffset(pointerSize);
        FilterAction action;
        try {
            action = FilterAction.fromNative(actionValue);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "filter with unknown action {0} skipped", actionValue);
            return Optional.empty();
        }
        Optional<FilterTarget> target = switch (trigger) {
            case RestartManager.RmFilterTriggerFile -> string(b, union, base, pointerSize).flatMap(FilterListDecoder::file);
            case RestartManager.RmFilterTriggerService -> string(b, union, base, pointerSize).filter(n -> !n.isBlank())
                    .map(FilterTarget.Service::new);
            case RestartManager.RmFilterTriggerProcess -> process(b, union);
            default -> {
                LOG.log(System.Logger.Level.WARNING, "filter with unknown trigger {0} skipped", trigger);
                yield Optional.empty();
            }
        };
        return target.map(t -> new Filter(t, action));
    }

    private static Optional<FilterTarget> process(ByteBuffer b, int union) {
        long pid = Integer.toUnsignedLong(b.getInt(union));
        if (pid == 0) {
            return Optional.empty();
        }
        long fileTime = FileTimes.of(b.getInt(union + 4), b.getInt(union + 8));
        return Optional.of(new FilterTarget.Process(new ProcessId(pid, FileTimes.toInstant(fileTime))));
    }

    private static Optional<FilterTarget> file(String name) {
        if (name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FilterTarget.File(Path.of(name)));
        } catch (InvalidPathException e) {
            LOG.log(System.Logger.Level.WARNING, "filter on an unusable path skipped: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The NUL-terminated UTF-16 string the pointer at {@code at} names, if it lies wholly inside the copy. */
    private static Optional<String> string(ByteBuffer b, int at, long base, int pointerSize) {
        long pointer = pointerSize == 8 ? b.getLong(at) : Integer.toUnsignedLong(b.getInt(at));
        long offset = pointer - base;
        if (pointer == 0 || offset < 0 || offset >= b.limit()) {
            LOG.log(System.Logger.Level.WARNING, "filter whose string lies outside the returned buffer skipped");
            return Optional.empty();
        }
        int start = (int) offset;
        for (int i = start; i + 1 < b.limit(); i += 2) {
            if (b.get(i) == 0 && b.get(i + 1) == 0) {
                return Optional.of(new String(b.array(), start, i - start, StandardCharsets.UTF_16LE));
            }
        }
        LOG.log(System.Logger.Level.WARNING, "filter whose string does not end inside the returned buffer skipped");
        return Optional.empty();
    }
}
