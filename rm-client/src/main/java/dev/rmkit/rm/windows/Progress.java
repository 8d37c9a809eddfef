package dev.rmkit.rm.windows;

import java.util.function.IntConsumer;

/**
 * Progress as the portable API promises it: 0..100, strictly increasing. RM documents exactly that
 * for RM_WRITE_STATUS_CALLBACK; this guard makes it hold even if a system reports a repeat.
 */
final class Progress {

    private Progress() {}

    static IntConsumer monotonic(IntConsumer target) {
        int[] last = {-1};
        return percent -> {
            int p = Math.max(0, Math.min(100, percent));
            synchronized (last) {
                if (p <= last[0]) {
                    return;
                }
                last[0] = p;
            }
            target.accept(p);
        };
    }
}
