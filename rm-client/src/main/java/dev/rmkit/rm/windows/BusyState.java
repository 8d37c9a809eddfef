package dev.rmkit.rm.windows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The busy periods open in this process, each with its reason; the newest reason is the one shown.
 * Changed only on the window thread ({@link Busy}); synchronized because the console handler, which
 * runs on a thread the system creates, reads it too.
 */
final class BusyState {

    private final Map<Long, String> open = new LinkedHashMap<>();
    private long next;

    /** Opens a period; returns its token. */
    synchronized long enter(String reason) {
        long token = ++next;
        open.put(token, reason);
        return token;
    }

    synchronized void update(long token, String reason) {
        if (open.containsKey(token)) {
            open.put(token, reason);
        }
    }

    /** Closes a period; true if it was the last one. Closing twice is harmless (returns false). */
    synchronized boolean exit(long token) {
        return open.remove(token) != null && open.isEmpty();
    }

    /** Closes every period. */
    synchronized void clear() {
        open.clear();
    }

    synchronized boolean isBusy() {
        return !open.isEmpty();
    }

    /** The newest open period's reason. */
    synchronized Optional<String> reason() {
        String last = null;
        for (String r : open.values()) {
            last = r;
        }
        return Optional.ofNullable(last);
    }
}
