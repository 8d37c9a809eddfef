package dev.rmkit.updater.fetch;

/**
 * Receives download progress. Called on the downloading thread, so implementations must be quick;
 * {@link #NONE} is the quiet default for non-terminal runs.
 */
@FunctionalInterface
public interface ProgressSink {
    /** {@code done} of {@code total} bytes are verified on disk. */
    void progress(long done, long total);

    ProgressSink NONE = (d, t) -> {};
}
