package dev.rmkit.rm.linux;

import java.util.function.IntConsumer;

/** Forwards progress percentages only when they grow, so a listener sees 0..100 strictly increasing. */
final class Progress {

    private final IntConsumer sink;
    private int last = -1;

    Progress(IntConsumer sink) {
        this.sink = sink;
    }

    synchronized void report(int percent) {
        int p = Math.max(0, Math.min(100, percent));
        if (p > last) {
            last = p;
            sink.accept(p);
        }
    }

    /** Reports step {@code done} of {@code total} within the range {@code from..to}. */
    void step(int from, int to, int done, int total) {
        report(total == 0 ? to : from + (to - from) * done / total);
    }
}
