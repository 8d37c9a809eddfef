package dev.rmkit.rm.windows;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits registrations into batches: each RmRegisterResources call does expensive registry writes,
 * so registering many paths is done in calls of at most {@link #MAX_PER_CALL} (as Inno Setup does).
 */
final class Batches {

    static final int MAX_PER_CALL = 1000;

    private Batches() {}

    static <T> List<List<T>> of(List<T> items, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + size);
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return out;
    }
}
