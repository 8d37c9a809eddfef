package dev.rmkit.rm.windows.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * WCHAR text as 16-bit UTF-16LE units, independent of JNA's {@code wchar_t} (4 bytes on Linux).
 * Every WCHAR array and LPWSTR that rmkit reads or writes goes through here, so the same bytes mean
 * the same text on every OS and Linux tests see the Windows layout.
 */
public final class Utf16 {

    private Utf16() {}

    /** The text in {@code units} up to the first NUL (or the whole array if there is none). */
    public static String decode(short[] units) {
        StringBuilder sb = new StringBuilder(units.length);
        for (short u : units) {
            if (u == 0) {
                break;
            }
            sb.append((char) u);
        }
        return sb.toString();
    }

    /** The NUL-terminated UTF-16 string at {@code p + offset}; empty for a null pointer. */
    public static String read(Pointer p, long offset) {
        if (p == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (long o = offset; ; o += 2) {
            short u = p.getShort(o);
            if (u == 0) {
                return sb.toString();
            }
            sb.append((char) u);
        }
    }

    /** {@code s} as 16-bit units into a fixed-size WCHAR array, truncated to leave room for the NUL. */
    public static void encodeInto(String s, short[] units) {
        int n = Math.min(s.length(), units.length - 1);
        for (int i = 0; i < units.length; i++) {
            units[i] = i < n ? (short) s.charAt(i) : 0;
        }
    }

    /** Native memory holding {@code s} as a NUL-terminated UTF-16 string (an LPWSTR). */
    public static Memory allocate(String s) {
        Memory m = new Memory(2L * (s.length() + 1));
        write(m, 0, s);
        return m;
    }

    /** Writes {@code s} and a NUL at {@code p + offset}; returns the bytes written. */
    public static long write(Pointer p, long offset, String s) {
        for (int i = 0; i < s.length(); i++) {
            p.setShort(offset + 2L * i, (short) s.charAt(i));
        }
        p.setShort(offset + 2L * s.length(), (short) 0);
        return 2L * (s.length() + 1);
    }
}
