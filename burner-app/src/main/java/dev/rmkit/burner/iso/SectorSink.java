package dev.rmkit.burner.iso;

import dev.rmkit.burner.BurnerException;

/**
 * Where a session's bytes go, in order, from its first block on. The disc's recorder implements it
 * (with throttling, progress and cancellation); tests may collect bytes in memory.
 */
public interface SectorSink {

    /** Appends {@code len} bytes. Throws to stop the burn (I/O failure, interruption). */
    void write(byte[] b, int off, int len) throws BurnerException;
}
