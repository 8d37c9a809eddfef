package dev.rmkit.rm.linux.proc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one pass over {@code /proc} found: the holders by pid (in pid order), and the processes that
 * might hold a registered file but could not be inspected.
 */
public record ScanResult(Map<Long, Holder> holders, List<Uninspected> uninspected) {
    public ScanResult {
        holders = Collections.unmodifiableMap(new LinkedHashMap<>(holders));
        uninspected = List.copyOf(uninspected);
    }
}
