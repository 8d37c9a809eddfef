package dev.rmkit.updater;

import java.util.List;

/**
 * Loads and initialises classes ahead of their first use. The code that runs while the closed apps are
 * down (from their exit to their restart's launch) names the classes it needs in an {@code AFTER_CLOSE}
 * list and preloads them while the apps still run: a class read, verified and initialised from the jar
 * at that moment costs a fraction of a millisecond to a few, all of it downtime (docs/performance.md).
 */
public final class Preload {

    private Preload() {}

    /** Loads and initialises each class (a no-op for one already initialised). */
    public static void classes(List<Class<?>> classes) {
        for (Class<?> c : classes) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new LinkageError("the updater is incomplete: " + c.getName(), e);
            }
        }
    }
}
