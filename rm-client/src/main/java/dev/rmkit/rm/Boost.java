package dev.rmkit.rm;

/**
 * Held while one thread does work that other work on the machine must not delay: the few milliseconds in
 * which an updater swaps files under closed applications and starts them again ({@link
 * SystemControl#boostThisThread()}). Close it, from any thread, when that work is done; closing twice is
 * harmless.
 */
public interface Boost extends AutoCloseable {

    /** True when the thread really runs ahead; false where the platform or its rights do not allow it. */
    boolean effective();

    /** Puts the thread back to how it was scheduled before. */
    @Override
    void close();

    /** A boost that changes nothing. */
    static Boost none() {
        return new Boost() {
            @Override
            public boolean effective() {
                return false;
            }

            @Override
            public void close() {}
        };
    }
}
