package dev.rmkit.rm.linux.protocol;

/** The rule for app ids: 1 to 64 letters, digits, {@code .}, {@code -} or {@code _}, not starting with a dot. */
public final class AppIds {

    private AppIds() {}

    public static String check(String appId) {
        if (appId == null || !appId.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("app id must be 1-64 letters, digits, '.', '-' or '_': " + appId);
        }
        return appId;
    }
}
