package dev.rmkit.rm;

/** What a session filter prevents ({@code RM_FILTER_ACTION}). */
public enum FilterAction {
    /** Shut it down, but do not restart it. */
    NO_RESTART(1),
    /** Do not shut it down (and therefore do not restart it). */
    NO_SHUTDOWN(2);

    private final int nativeValue;

    FilterAction(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    public int nativeValue() {
        return nativeValue;
    }

    public static FilterAction fromNative(int value) {
        for (FilterAction a : values()) {
            if (a.nativeValue == value) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown RM_FILTER_ACTION " + value);
    }
}
