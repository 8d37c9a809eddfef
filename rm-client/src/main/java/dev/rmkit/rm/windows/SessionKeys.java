package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import dev.rmkit.rm.windows.jna.RestartManager;

/**
 * The session key buffer rules: RmStartSession does not reliably NUL-terminate the key, so the
 * buffer is always a fresh (zeroed) array of CCH_RM_SESSION_KEY + 1 chars and is read up to its
 * first NUL; a key passed to RmJoinSession is validated and handed over in a buffer of the same
 * size, zero-padded, because the header annotates it {@code _In_reads_(CCH_RM_SESSION_KEY + 1)}: RM
 * may read all 33 characters whatever the key's length.
 */
final class SessionKeys {

    static final int BUFFER_CHARS = RestartManager.CCH_RM_SESSION_KEY + 1;

    private SessionKeys() {}

    /** A zeroed key buffer for RmStartSession (a Java array is always zeroed, unlike JNA Memory). */
    static char[] newBuffer() {
        return new char[BUFFER_CHARS];
    }

    /** The key in a buffer RmStartSession filled: up to the first NUL, never past CCH_RM_SESSION_KEY. */
    static String decode(char[] buffer) {
        int n = 0;
        while (n < Math.min(buffer.length, RestartManager.CCH_RM_SESSION_KEY) && buffer[n] != 0) {
            n++;
        }
        return new String(buffer, 0, n);
    }

    /** {@code key} in the zero-padded 33-character buffer RmJoinSession reads; rejects what cannot be a key. */
    static char[] toNative(String key) throws RmException {
        if (key == null || key.isBlank()) {
            throw new RmException("RmJoinSession", "the session key is empty");
        }
        if (key.length() > RestartManager.CCH_RM_SESSION_KEY) {
            throw new RmException("RmJoinSession", "a session key has at most " + RestartManager.CCH_RM_SESSION_KEY
                    + " characters, got " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == 0 || Character.isWhitespace(c)) {
                throw new RmException("RmJoinSession", "the session key contains a blank or NUL at " + i);
            }
        }
        char[] out = new char[BUFFER_CHARS];
        key.getChars(0, key.length(), out, 0);
        return out;
    }
}
