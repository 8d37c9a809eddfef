package dev.rmkit.burner.disc;

/**
 * Watches a burn: told of progress after every chunk, asked whether to stop. A stop request ends the
 * burn before anything is committed, so the disc stays exactly as it was.
 */
public interface BurnMonitor {

    /** Bytes of the session written so far, of {@code total}. */
    void progress(long written, long total);

    /** True when the burn must stop now (the session is ending). */
    boolean stopRequested();

    /** A monitor that never stops and ignores progress. */
    BurnMonitor NONE = new BurnMonitor() {
        @Override
        public void progress(long written, long total) {}

        @Override
        public boolean stopRequested() {
            return false;
        }
    };
}
