package dev.rmkit.updater.cli;

import dev.rmkit.updater.reboot.RebootMode;
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
}
