package dev.rmkit.rm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of rmkit that every module shares. */
public final class RmKit {

    private static final String VERSION = loadVersion();

    private RmKit() {}

    /** The project version, as Maven built it (for example {@code 0.1.0-SNAPSHOT}). */
    public static String version() {
        return VERSION;
    }

    private static String loadVersion() {
        try (InputStream in = RmKit.class.getResourceAsStream("rmkit.properties")) {
            if (in == null) {
                throw new IllegalStateException("rmkit.properties is missing from the rm-client jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
