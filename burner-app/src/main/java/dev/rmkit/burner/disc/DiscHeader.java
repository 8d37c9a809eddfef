package dev.rmkit.burner.disc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the virtual disc knows about itself, kept in the image's system area (blocks 0-15) so the image
 * is self-contained: media type, identity, whether it is closed, and the table of contents. Each
 * commit writes a new generation into the older of two slots; see {@link HeaderCodec}.
 *
 * @param generation increases by one with every change
 * @param media the media type, fixed when the blank disc was made
 * @param discId the disc's identity; a job tied to one disc refuses another (IMAPI_E_WRONGDISC)
 * @param closed a closed (finalized) disc takes no further session
 * @param sessions the table of contents, in burn order
 */
public record DiscHeader(long generation, MediaType media, UUID discId, boolean closed, List<SessionInfo> sessions) {

    /** xorriso's emulated TOC on a plain file: the first session starts at block 32. */
    public static final long FIRST_SESSION_START = 32;
    /** Sessions start at multiples of 32 blocks (64 KiB), which is how xorriso steps between them. */
    public static final long ALIGNMENT = 32;
    /** The Orange Book allows at most 99 sessions on a disc. */
    public static final int MAX_SESSIONS = 99;

    public DiscHeader {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(discId, "discId");
        sessions = List.copyOf(sessions);
        if (generation < 1) {
            throw new IllegalArgumentException("generation " + generation);
        }
        if (sessions.size() > MAX_SESSIONS) {
            throw new IllegalArgumentException(sessions.size() + " sessions; at most " + MAX_SESSIONS);
        }
        long previousEnd = FIRST_SESSION_START;
        for (int i = 0; i < sessions.size(); i++) {
            SessionInfo s = sessions.get(i);
            if (s.number() != i + 1) {
                throw new IllegalArgumentException("session " + (i + 1) + " is numbered " + s.number());
            }
            if (s.start() < previousEnd || s.start() % ALIGNMENT != 0) {
                throw new IllegalArgumentException("session " + s.number() + " starts at block " + s.start()
                        + ", expected a multiple of " + ALIGNMENT + " from block " + previousEnd);
            }
            previousEnd = s.end();
        }
    }

    /** A blank disc of {@code media} with a fresh identity. */
    public static DiscHeader blank(MediaType media) {
        return new DiscHeader(1, media, UUID.randomUUID(), false, List.of());
    }

    /** First block after the last session (32 on a blank disc). */
    public long end() {
        return sessions.isEmpty() ? FIRST_SESSION_START : sessions.get(sessions.size() - 1).end();
    }

    /** Where the next session would start. */
    public long nextStart() {
        return align(end());
    }

    public static long align(long block) {
        return (block + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    public boolean blank() {
        return sessions.isEmpty();
    }

    /** The newest session, if any. */
    public java.util.Optional<SessionInfo> newest() {
        return sessions.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(sessions.get(sessions.size() - 1));
    }

    /** This header with one more session, the next generation, and closed as asked. */
    public DiscHeader withSession(SessionInfo session, boolean close) {
        List<SessionInfo> s = new ArrayList<>(sessions);
        s.add(session);
        return new DiscHeader(generation + 1, media, discId, close, s);
    }

    /** An erased disc: same media, no sessions, a new identity (the old disc's contents are gone). */
    public DiscHeader erased() {
        return new DiscHeader(generation + 1, media, UUID.randomUUID(), false, List.of());
    }
}
