package dev.rmkit.burner.disc;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the disc's table of contents.
 *
 * @param number 1-based session number
 * @param start first block (the session's volume descriptors are at {@code start + 16})
 * @param blocks blocks the session occupies
 * @param label the session's label as the user gave it (the volume id holds a d-character version)
 * @param jobId the inbox job that produced the session, or empty for a direct {@code burn}
 * @param burned when the session was committed
 */
public record SessionInfo(int number, long start, long blocks, String label, String jobId, Instant burned) {

    /** Longest label, in characters; the disc's header must hold 99 sessions. */
    public static final int MAX_LABEL = 32;
    /** Job ids are short ASCII names so the header always fits its slot. */
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._-]{0,40}");

    public SessionInfo {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(burned, "burned");
        if (number < 1 || number > DiscHeader.MAX_SESSIONS) {
            throw new IllegalArgumentException("session number " + number);
        }
        if (start < DiscHeader.FIRST_SESSION_START || blocks < 1 || start + blocks > 0xffffffffL) {
            throw new IllegalArgumentException("session extent " + start + "+" + blocks);
        }
        if (problemWithLabel(label).isPresent()) {
            throw new IllegalArgumentException(problemWithLabel(label).get());
        }
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("job id '" + jobId + "' is not 0-40 of A-Z a-z 0-9 . _ -");
        }
        burned = Instant.ofEpochSecond(burned.getEpochSecond());
    }

    /** First block after the session. */
    public long end() {
        return start + blocks;
    }

    /** Why a label cannot be used, or empty. */
    public static java.util.Optional<String> problemWithLabel(String label) {
        if (label.length() > MAX_LABEL) {
            return java.util.Optional.of("a label has at most " + MAX_LABEL + " characters");
        }
        if (label.chars().anyMatch(c -> c < 0x20 || Character.isSurrogate((char) c))) {
            return java.util.Optional.of("a label cannot contain control characters or characters outside the BMP");
        }
        return java.util.Optional.empty();
    }
}
