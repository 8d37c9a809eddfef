package dev.rmkit.burner;

import dev.rmkit.burner.disc.DiscHeader;
import dev.rmkit.burner.disc.SessionInfo;
import java.util.Objects;

/**
 * What a burn did.
 *
 * @param header the disc after the burn
 * @param session the new session
 * @param newFiles files written in this session (unchanged files are referenced, not counted)
 * @param newBytes bytes of file data written
 * @param discardedBlocks blocks of an earlier interrupted burn that were dropped first
 */
public record BurnResult(DiscHeader header, SessionInfo session, int newFiles, long newBytes, long discardedBlocks) {
    public BurnResult {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(session, "session");
    }
}
