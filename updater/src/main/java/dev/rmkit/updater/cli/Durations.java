package dev.rmkit.updater.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line, the way people write them: {@code 90s}, {@code 5m}, {@code 1h30m},
 * {@code 250ms}, {@code 30d}, or ISO-8601 ({@code PT5M}, {@code P30D}); never negative. What else is
 * accepted depends on the option ({@link Rule}). Pure; picocli uses it through the converters.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    /** The option-specific part. */
    public enum Rule {
        /** {@code --wait}: zero means "do not wait", and a bare number is seconds. */
        WAIT(true, true, "try 90s, 5m, 1h30m, PT5M"),
        /** {@code --expires-in}: must be positive, and the unit must be written (a bare 30 is ambiguous). */
        EXPIRY(false, false, "use 30d, 12h, 90m, 45s or ISO-8601 like P30D"),
        /** {@code --health-timeout}: must be positive; a bare number is seconds. */
        TIMEOUT(false, true, "try 30s, 2m, PT1M");

        private final boolean zeroAllowed;
        private final boolean bareSeconds;
        private final String examples;

        Rule(boolean zeroAllowed, boolean bareSeconds, String examples) {
            this.zeroAllowed = zeroAllowed;
            this.bareSeconds = bareSeconds;
            this.examples = examples;
        }
    }

    private Durations() {}

    public static Duration parse(String text, Rule rule) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        if (rule.bareSeconds && t.matches("\\d{1,18}")) {
            d = Duration.ofSeconds(Long.parseLong(t));
        } else if (t.startsWith("p")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (" + rule.examples + ")", e);
            }
        } else {
            d = shortForm(t).orElseThrow(() -> new IllegalArgumentException(
                    "not a duration: '" + text + "' (" + rule.examples + ")"));
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("a duration must not be negative: '" + text + "'");
        }
        if (d.isZero() && !rule.zeroAllowed) {
            throw new IllegalArgumentException("duration must be positive: '" + text + "'");
        }
        return d;
    }

    /** {@code 1h30m}: one or more number-unit parts, nothing between them. */
    private static java.util.Optional<Duration> shortForm(String t) {
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        return end == 0 || end != t.length() ? java.util.Optional.empty() : java.util.Optional.of(total);
    }

    /** picocli converter for {@code --wait}: a bad value is a usage error naming it. */
    static final class WaitConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return converted(value, Rule.WAIT);
        }
    }

    /** picocli converter for {@code --expires-in}. */
    static final class ExpiryConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return converted(value, Rule.EXPIRY);
        }
    }

    /** picocli converter for {@code --health-timeout}. */
    static final class TimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return converted(value, Rule.TIMEOUT);
        }
    }

    private static Duration converted(String value, Rule rule) {
        try {
            return parse(value, rule);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
