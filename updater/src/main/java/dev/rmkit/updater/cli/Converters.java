package dev.rmkit.updater.cli;

import dev.rmkit.updater.Durations;
import dev.rmkit.updater.reboot.RebootMode;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the updater's option values; a bad value is a usage error (exit 2 / 87). */
final class Converters {

    private Converters() {}

    static final class Reboot implements ITypeConverter<RebootMode> {
        @Override
        public RebootMode convert(String value) {
            return switch (value) {
                case "never" -> RebootMode.NEVER;
                case "if-needed" -> RebootMode.IF_NEEDED;
                default -> throw new TypeConversionException("--reboot takes never or if-needed, not " + value);
            };
        }
    }

    /** {@code --wait}: a bad value is a usage error naming it. */
    static final class Wait implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value, Durations.Rule.WAIT);
        }
    }

    /** {@code --expires-in}. */
    static final class Expiry implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value, Durations.Rule.EXPIRY);
        }
    }

    /** {@code --health-timeout}. */
    static final class Timeout implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value, Durations.Rule.TIMEOUT);
        }
    }

    private static Duration duration(String value, Durations.Rule rule) {
        try {
            return Durations.parse(value, rule);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
