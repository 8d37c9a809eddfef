package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressCallbackTest {

    @Test
    void forwardsPercentages() {
        List<Integer> seen = new ArrayList<>();
        ProgressCallback cb = new ProgressCallback(seen::add);
        cb.invoke(5);
        cb.invoke(100);
        assertEquals(List.of(5, 100), seen);
    }

    @Test
    void aFailingListenerNeverUnwindsIntoNativeCode() {
        ProgressCallback cb = new ProgressCallback(p -> {
            throw new IllegalStateException("listener bug");
        });
        assertDoesNotThrow(() -> cb.invoke(50));
    }

    @Test
    void monotonicDropsRepeatsAndRegressionsAndClamps() {
        List<Integer> seen = new ArrayList<>();
        var p = Progress.monotonic(seen::add);
        for (int v : new int[] {-5, 0, 30, 30, 20, 150, 100}) {
            p.accept(v);
        }
        assertEquals(List.of(0, 30, 100), seen);
    }
}
