package dev.rmkit.burner.disc;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * A write speed: a multiple of the media's 1x rate ({@code 4x}), or {@code max} (unthrottled, as fast
 * as the image file can be written).
 *
 * @param multiple the multiple, or 0 for max
 */
public record Speed(int multiple) {

    public static final Speed MAX = new Speed(0);

    public Speed {
        if (multiple < 0) {
            throw new IllegalArgumentException("speed multiple " + multiple);
        }
    }

    /**
     * Parses {@code Nx}, {@code N} or {@code max}.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not a speed
     */
    public static Speed parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return MAX;
        }
        String digits = t.endsWith("x") ? t.substring(0, t.length() - 1) : t;
        try {
            int n = Integer.parseInt(digits);
            if (n >= 1) {
                return new Speed(n);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("speed must be Nx (N >= 1) or max, not '" + text + "'");
    }

    public boolean isMax() {
        return multiple == 0;
    }

    /** Bytes per second on {@code media}, or empty for max. */
    public OptionalLong bytesPerSecond(MediaType media) {
        return isMax() ? OptionalLong.empty() : OptionalLong.of(multiple * media.bytesPerSecondAt1x());
    }

    @Override
    public String toString() {
        return isMax() ? "max" : multiple + "x";
    }
}
