package dev.rmkit.updater.manifest;

import dev.rmkit.updater.UpdateException;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a verified manifest may be applied to what is installed: same product, same channel
 * (a signed manifest for another product is still the wrong software), and a newer version, so a
 * replayed old manifest cannot roll the install back (TUF's rollback attack).
 */
public final class ManifestPolicy {
    private ManifestPolicy() {}

    /** What the install says it is. */
    public record Installed(String product, String channel, String version) {
        public Installed {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * Product and channel must match the installed ones; the version must be newer (see {@link
     * Versions}) unless {@code allowDowngrade}, which also permits re-applying the installed version.
     * {@code installed} empty means a fresh install: anything goes. Throws Rejected naming the reason.
     */
    public static void checkAgainstInstalled(Manifest m, Optional<Installed> installed, boolean allowDowngrade)
            throws UpdateException {
        if (installed.isEmpty()) {
            return;
        }
        Installed i = installed.get();
        if (!m.product().equals(i.product())) {
            throw new UpdateException.Rejected("wrong product: the manifest is for '" + m.product()
                    + "', the install is '" + i.product() + "'");
        }
        if (!m.channel().equals(i.channel())) {
            throw new UpdateException.Rejected("wrong channel: the manifest is for channel '" + m.channel()
                    + "', the install follows '" + i.channel() + "'");
        }
        if (!Versions.isValid(i.version())) {
            throw new UpdateException.Rejected("the installed version '" + i.version() + "' is not a valid version");
        }
        if (!allowDowngrade && Versions.compare(m.version(), i.version()) <= 0) {
            throw new UpdateException.Rejected("version " + m.version() + " is not newer than the installed "
                    + i.version() + " (use --allow-downgrade to go back)");
        }
    }

    /** Whether {@code m} is exactly the installed release (same product, channel and version). */
    public static boolean isInstalledRelease(Manifest m, Optional<Installed> installed) {
        return installed.isPresent()
                && m.product().equals(installed.get().product())
                && m.channel().equals(installed.get().channel())
                && Versions.isValid(installed.get().version())
                && Versions.compare(m.version(), installed.get().version()) == 0;
    }
}
