package dev.rmkit.rm;

import java.util.Collection;
import java.util.EnumSet;

/**
 * An enum constant that stands for one bit of a native flag mask. The static helpers convert
 * between masks and {@link EnumSet}s in one place, so no caller does bit arithmetic.
 */
public interface NativeFlag {

    /** The bit (or bits) this constant stands for. */
    int bit();

    /** The mask with every flag in {@code flags} set. */
    static int toMask(Collection<? extends NativeFlag> flags) {
        int mask = 0;
        for (NativeFlag f : flags) {
            mask |= f.bit();
        }
        return mask;
    }

    /** The flags of {@code type} whose bits are all set in {@code mask}; unknown bits are ignored. */
    static <E extends Enum<E> & NativeFlag> EnumSet<E> fromMask(Class<E> type, int mask) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if (e.bit() != 0 && (mask & e.bit()) == e.bit()) {
                set.add(e);
            }
        }
        return set;
    }
}
