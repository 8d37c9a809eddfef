package dev.rmkit.burner.cli;

import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.Speed;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line converters; a bad value becomes a usage error (exit 2) with the reason. */
final class Converters {

    private Converters() {}

    static final class SpeedConverter implements ITypeConverter<Speed> {
        @Override
        public Speed convert(String value) {
            try {
                return Speed.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class MediaConverter implements ITypeConverter<MediaType> {
        @Override
        public MediaType convert(String value) {
            return MediaType.parse(value).orElseThrow(() -> new TypeConversionException(
                    "unknown media '" + value + "'; use one of " + MediaType.names()));
        }
    }
}
