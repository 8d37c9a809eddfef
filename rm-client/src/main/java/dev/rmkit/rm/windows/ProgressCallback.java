package dev.rmkit.rm.windows;

import dev.rmkit.rm.windows.jna.Rstrtmgr;
import java.util.function.IntConsumer;

/**
 * The RM_WRITE_STATUS_CALLBACK handed to RmShutdown/RmRestart. An exception must never unwind into
 * Rstrtmgr's frames, so a failing consumer is logged and ignored. The caller keeps this object
 * strongly reachable for the whole native call (a collected callback crashes the VM).
 */
final class ProgressCallback implements Rstrtmgr.RM_WRITE_STATUS_CALLBACK {

    private static final System.Logger LOG = System.getLogger(ProgressCallback.class.getName());

    private final IntConsumer target;

    ProgressCallback(IntConsumer target) {
        this.target = target;
    }

    @Override
    public void invoke(int nPercentComplete) {
        try {
            target.accept(nPercentComplete);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "progress listener failed at " + nPercentComplete + "%", e);
        }
    }
}
