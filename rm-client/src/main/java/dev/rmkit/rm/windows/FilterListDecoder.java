package dev.rmkit.rm.windows;

import com.sun.jna.Pointer;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterAction;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.windows.jna.RM_FILTER_INFO;
import dev.rmkit.rm.windows.jna.RestartManager;
import dev.rmkit.rm.windows.jna.Utf16;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the buffer RmGetFilterList fills: RM_FILTER_INFO entries chained by {@code cbNextOffset}
 * (taken as relative to the entry, 0 ending the chain — the doc does not say more), whose string
 * members point to UTF-16 text. Entries rmkit cannot represent are skipped with a log line.
 */
final class FilterListDecoder {

    private static final System.Logger LOG = System.getLogger(FilterListDecoder.class.getName());

    private FilterListDecoder() {}

    static List<Filter> decode(Pointer buffer, long size) {
        List<Filter> out = new ArrayList<>();
        int entrySize = new RM_FILTER_INFO().size();
        long offset = 0;
        while (offset >= 0 && offset + entrySize <= size) {
            RM_FILTER_INFO f = new RM_FILTER_INFO(buffer.share(offset));
            decode(f).ifPresent(out::add);
            if (f.cbNextOffset <= 0) {
                break;
            }
            offset += f.cbNextOffset;
        }
        return out;
    }

    private static Optional<Filter> decode(RM_FILTER_INFO f) {
        FilterAction action;
        try {
            action = FilterAction.fromNative(f.FilterAction);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "filter with unknown action {0} skipped", f.FilterAction);
            return Optional.empty();
        }
        FilterTarget target = switch (f.FilterTrigger) {
            case RestartManager.RmFilterTriggerFile -> new FilterTarget.File(Path.of(Utf16.read(f.u.strFilename, 0)));
            case RestartManager.RmFilterTriggerProcess -> new FilterTarget.Process(new ProcessId(
                    Integer.toUnsignedLong(f.u.Process.dwProcessId),
                    FileTimes.toInstant(FileTimes.of(f.u.Process.ProcessStartTime.dwLowDateTime,
                            f.u.Process.ProcessStartTime.dwHighDateTime))));
            case RestartManager.RmFilterTriggerService -> new FilterTarget.Service(Utf16.read(f.u.strServiceShortName, 0));
            default -> null;
        };
        if (target == null) {
            LOG.log(System.Logger.Level.WARNING, "filter with unknown trigger {0} skipped", f.FilterTrigger);
            return Optional.empty();
        }
        return Optional.of(new Filter(target, action));
    }
}
