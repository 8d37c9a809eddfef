package dev.rmkit.systemdit.container;

import java.util.ArrayList;
import java.util.List;

/** The timing line of one scenario: how long each phase of its container took, printed at teardown. */
final class Timings {

    private final String label;
    private final long start = System.nanoTime();
    private long last = start;
    private final List<String> phases = new ArrayList<>();

    Timings(String label) {
        this.label = label;
    }

    synchronized void mark(String phase) {
        long now = System.nanoTime();
        phases.add(String.format("%s %.1f s", phase, (now - last) / 1e9));
        last = now;
    }

    synchronized String line(String name, int boots) {
        return String.format("systemd-it: %s [%s]: %.1f s in all, %d boot(s); %s", label, name,
                (System.nanoTime() - start) / 1e9, boots, String.join(", ", phases));
    }
}
