package dev.rmkit.burner.iso;

import dev.rmkit.burner.BurnerException;

/** Random read access to a disc, by absolute block address. */
public interface SectorSource {

    /** Reads {@code count} whole blocks from {@code lba}. Reading past the end of the disc is a damaged-disc error. */
    byte[] read(long lba, int count) throws BurnerException;

    /** Number of blocks the disc holds data for. */
    long blocks();
}
