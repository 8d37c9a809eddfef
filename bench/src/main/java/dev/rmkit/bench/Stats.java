package dev.rmkit.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The summary of repeated measurements the harness reports: median (robust against the other engineers'
 * load on a shared machine) and the spread as minimum and maximum.
 */
public record Stats(double median, double min, double max, int runs) {

    public Stats {
        if (runs < 1) {
            throw new IllegalArgumentException("at least one run is needed, got " + runs);
        }
        if (!(min <= median && median <= max)) {
            throw new IllegalArgumentException("need min <= median <= max: " + min + ", " + median + ", " + max);
        }
    }

    /** The median (mean of the middle two for an even count), minimum and maximum of the samples. */
    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new Stats(median, s.get(0), s.get(n - 1), n);
    }

    /**
     * One machine-readable line for bench/run: {@code RESULT name median min max runs unit}, tab-separated,
     * numbers with a dot whatever the locale.
     */
    public String line(String name, String unit) {
        return String.format(Locale.ROOT, "RESULT\t%s\t%.3f\t%.3f\t%.3f\t%d\t%s", name, median, min, max, runs, unit);
    }
}
