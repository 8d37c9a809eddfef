package dev.rmkit.rm;

/**
 * Held while an application does work that must not be interrupted: keeps the system awake and
 * blocks shutdown with a reason (Windows: a power request and ShutdownBlockReasonCreate; Linux: a
 * logind inhibitor where one is available). Close it when the work is done.
 */
public interface BusyHandle extends AutoCloseable {

    /** Replaces the reason shown to the user (for example as progress advances). */
    void reason(String reason);

    /** True when the platform really blocks shutdown and sleep; false where holding it is a documented no-op. */
    boolean effective();

    @Override
    void close();

    /** A handle that holds nothing: where the platform has no such lock, or it was not granted. */
    static BusyHandle none() {
        return new BusyHandle() {
            @Override
            public void reason(String reason) {}

            @Override
            public boolean effective() {
                return false;
            }

            @Override
            public void close() {}
        };
    }
}
