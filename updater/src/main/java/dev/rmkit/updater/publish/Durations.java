package dev.rmkit.updater.publish;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, or ISO-8601
 * ({@code P30D}, {@code PT1H30M}). Pure function; picocli uses it through {@link Converter}.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})([dhms])");

    private Durations() {}

    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (use 30d, 12h, 90m, 45s or ISO-8601 like P30D)");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration must be positive: '" + text + "'");
        }
        return d;
    }

    /** picocli converter: a bad value is a usage error naming the option value. */
    public static final class Converter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
