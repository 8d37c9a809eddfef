package dev.rmkit.rm;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Picks the Restart Manager backend for an OS. Loading this class never loads JNA: the backends are
 * found by name, so Linux never resolves the Windows classes.
 */
public final class RmPlatforms {

    static final String WINDOWS = "dev.rmkit.rm.windows.WindowsPlatform";
    static final String LINUX = "dev.rmkit.rm.linux.LinuxPlatform";

    private RmPlatforms() {}

    /** The backend for the running OS, with default settings. */
    public static RmPlatform current() {
        return forOs(System.getProperty("os.name", ""));
    }

    /** The backend for an {@code os.name} value. */
    static RmPlatform forOs(String osName) {
        return instantiate(backendClassFor(osName));
    }

    /** The backend class name for an {@code os.name} value. */
    static String backendClassFor(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("linux")) {
            return LINUX;
        }
        throw new UnsupportedOperationException("rmkit has no Restart Manager backend for " + osName);
    }

    private static RmPlatform instantiate(String className) {
        try {
            return (RmPlatform) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                | IllegalAccessException e) {
            throw new IllegalStateException("backend " + className + " is missing from rm-client", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("backend " + className + " failed to start", e.getCause());
        }
    }
}
